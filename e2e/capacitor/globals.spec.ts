// CapacitorDevice, CapacitorApp, the APIs the web cannot offer, permissions, and notifications without permission.
import { test, expect } from '@bgkit/devtools/playwright/test';
import { dispatch, openRunnerApp } from './support';

test.describe('with permissions', () => {
  test.use({ permissions: ['notifications', 'background-sync', 'geolocation'] });

  test('CapacitorDevice answers from what bgkit knows of the device', async ({ page, bgkit, context }) => {
    await openRunnerApp(page);
    await bgkit.setDeviceState({ onAC: false });
    const onBattery = await dispatch(page, 'device');
    expect(onBattery).toMatchObject({ ok: true, value: { battery: { isCharging: false }, network: { connected: true } } });
    await bgkit.setDeviceState({ onAC: true });
    expect(await dispatch(page, 'device')).toMatchObject({ ok: true, value: { battery: { isCharging: true } } });
    await context.setOffline(true);
    await expect.poll(async () => (await dispatch(page, 'device')) as unknown).toMatchObject({ ok: true, value: { network: { connected: false, connectionType: 'none' } } });
    await context.setOffline(false);
  });

  test('CapacitorApp: a visible window makes the app active; its info comes from the manifest', async ({ page }) => {
    await openRunnerApp(page);
    expect(await dispatch(page, 'app')).toEqual({
      ok: true,
      value: { state: { isActive: true }, info: { name: 'bgkit Capacitor lab', id: 'com.example.bgkit', build: '42', version: '1.2.3' } },
    });
  });

  test('CapacitorGeolocation and CapacitorWatch fail at once with unsupported-api, naming the API', async ({ page }) => {
    await openRunnerApp(page);
    expect(await dispatch(page, 'geolocation')).toMatchObject({ ok: false, name: 'BgkitError', code: 'unsupported-api', details: { api: 'CapacitorGeolocation.getCurrentPosition' } });
    expect(await dispatch(page, 'watch')).toMatchObject({ ok: false, name: 'BgkitError', code: 'unsupported-api', details: { api: 'CapacitorWatch.sendMessage' } });
  });

  test('checkPermissions and requestPermissions report granted permissions', async ({ page }) => {
    await openRunnerApp(page);
    expect(await page.evaluate(() => window.capacitor.BackgroundRunner.checkPermissions())).toEqual({ geolocation: 'granted', notifications: 'granted' });
    expect(await page.evaluate(() => window.capacitor.BackgroundRunner.requestPermissions({ apis: ['notifications', 'geolocation'] }))).toEqual({ geolocation: 'granted', notifications: 'granted' });
    const bad = await page.evaluate(async () => {
      try {
        await window.capacitor.BackgroundRunner.requestPermissions({ apis: ['camera' as never] });
        return null;
      } catch (e) {
        return (e as { code?: string }).code;
      }
    });
    expect(bad).toBe('invalid-argument');
  });
});

test.describe('without notification permission', () => {
  test.use({ permissions: ['background-sync'] });

  test('permissions read as denied, and schedule() throws notifications-denied in the runner', async ({ page }) => {
    await openRunnerApp(page);
    expect(await page.evaluate(() => window.capacitor.BackgroundRunner.checkPermissions())).toEqual({ geolocation: 'denied', notifications: 'denied' });
    expect(await dispatch(page, 'notify', { id: 1, title: 'Nope' })).toMatchObject({ ok: false, name: 'BgkitError', code: 'notifications-denied' });
  });
});
