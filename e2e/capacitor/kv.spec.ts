// CapacitorKV: synchronous in the runner, stored in IndexedDB before the event settles, readable from the page.
import { test, expect } from '@bgkit/devtools/playwright/test';
import { dispatch, LABEL, openRunnerApp } from './support';

test.use({ permissions: ['notifications', 'background-sync'] });

test('a value written in one event is read in the next, and from the page, after the worker was killed', async ({ page, bgkit }) => {
  await openRunnerApp(page);
  expect(await dispatch(page, 'kvWrite', { key: 'token', value: 'abc123' })).toEqual({ ok: true, value: undefined });
  await bgkit.stopServiceWorker();
  // The page reads the runner's store itself; no worker needed.
  expect(await page.evaluate((label) => window.capacitor.getRunnerKV(label, 'token'), LABEL)).toEqual({ value: 'abc123' });
  // The next event starts a fresh worker, whose runner context reads the stored value synchronously.
  expect(await dispatch(page, 'kvRead', { key: 'token' })).toEqual({ ok: true, value: { value: 'abc123' } });
  expect(await dispatch(page, 'kvRemove', { key: 'token' })).toEqual({ ok: true, value: null });
  expect(await page.evaluate((label) => window.capacitor.getRunnerKV(label, 'token'), LABEL)).toEqual({ value: undefined });
  expect(await page.evaluate((label) => window.capacitor.runnerKVEntries(label), LABEL)).not.toHaveProperty('token');
});

test('a key never set reads as null, as on iOS and Android', async ({ page }) => {
  await openRunnerApp(page);
  expect(await dispatch(page, 'kvRead', { key: 'never-set' })).toEqual({ ok: true, value: null });
});

test('a value written before the worker is killed mid-event is kept', async ({ page, bgkit }) => {
  await openRunnerApp(page);
  const pending = dispatch(page, 'never');
  await expect.poll(() => page.evaluate((label) => window.capacitor.getRunnerKV(label, 'never'), LABEL)).toEqual({ value: 'started' });
  await bgkit.stopServiceWorker();
  expect(await pending).toMatchObject({ ok: false, code: 'task-canceled' });
  expect(await dispatch(page, 'kvRead', { key: 'never' })).toEqual({ ok: true, value: { value: 'started' } });
});

test('bad keys and values get a BgkitError in the runner', async ({ page }) => {
  await openRunnerApp(page);
  expect(await dispatch(page, 'kvWrite', { key: 'n', value: 42 })).toMatchObject({ ok: false, name: 'BgkitError', code: 'invalid-argument' });
  expect(await dispatch(page, 'kvWrite', { key: '', value: 'x' })).toMatchObject({ ok: false, name: 'BgkitError', code: 'invalid-argument' });
  const pageSide = await page.evaluate(async () => {
    try {
      await window.capacitor.getRunnerKV('', 'k');
      return null;
    } catch (e) {
      return (e as { code?: string }).code;
    }
  });
  expect(pageSide).toBe('invalid-argument');
});
