// The Playwright driver of @bgkit/devtools, used the way an app's own tests use it: through its fixture.
import { test as driverTest, expect } from '@bgkit/devtools/playwright/test';
import { BgkitDriver } from '@bgkit/devtools/playwright';
import type { Page } from '@playwright/test';
import { openApp, registerTask, runDigest } from '../fixtures';
import { notificationFixtures, type NotificationFixtures } from '../support/notifications';
import { callMessage, rawCall } from '../support/faults';
import { deviceState } from '../support/page';

const test = driverTest.extend<{ app: void }>({
  app: [
    async ({ page }, use) => {
      await openApp(page);
      await use();
    },
    { auto: true },
  ],
});

test.use({ permissions: ['notifications', 'background-sync'] });

declare global {
  interface Window {
    __activity: string[];
  }
}

/** Collects the e2e app's activity messages (what its tasks and listeners report) in window.__activity. */
function listenToActivity(page: Page) {
  return page.evaluate(() => {
    window.__activity = [];
    new BroadcastChannel('demo-activity').onmessage = (e) => window.__activity.push((e.data as { message: string }).message);
  });
}

test.describe('the Playwright driver', () => {
  test('fire() starts an ApplicationTrigger task through request(), with arguments, and waitForRun() waits for its end', async ({ page, bgkit }) => {
    await registerTask(page, { name: 'Export', entryPoint: 'report.export', trigger: { type: 'application' } });
    const fired = await bgkit.fire('Export', { arguments: { steps: 3, delayMs: 100, label: 'q3' } });
    expect(fired).toMatchObject({ via: 'real', result: 'allowed' });
    const running = await bgkit.waitForRun('Export', { status: 'running' });
    expect(running.source).toBe('application');
    const run = await bgkit.waitForRun('Export');
    expect(run).toMatchObject({ status: 'completed', progress: 100, result: { label: 'q3', steps: 3, rows: 30 } });
    expect((await bgkit.fire('Export')).via).toBe('real');
  });

  test('waitForRun() never returns a run that had finished before the call, unless the driver\'s last action started it', async ({ page, bgkit }) => {
    await registerTask(page, { name: 'Export', entryPoint: 'report.export', trigger: { type: 'application' } });
    // A run the page starts itself (a click in an app), finished before anyone waits for it.
    const runFromPage = (label: string) =>
      page.evaluate(async (label) => {
        const task = [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).values()].find((t) => t.name === 'Export')!;
        const done = new Promise<void>((resolve) => task.addEventListener('completed', () => resolve(), { once: true }));
        await (task.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ steps: 1, delayMs: 10, label });
        await done;
      }, label);
    await runFromPage('before any action');
    await expect(bgkit.waitForRun('Export', { timeout: 600 })).rejects.toMatchObject({ code: 'wait-timeout' });

    // The driver's own action: its run counts even when it already finished; once returned, it is done with.
    await bgkit.fire('Export', { arguments: { steps: 1, delayMs: 10, label: 'fired' } });
    await expect.poll(async () => (await bgkit.runs({ taskName: 'Export', status: 'completed' })).length).toBe(2);
    expect(await bgkit.waitForRun('Export')).toMatchObject({ result: { label: 'fired' } });
    await runFromPage('after the action');
    await expect(bgkit.waitForRun('Export', { timeout: 600 })).rejects.toMatchObject({ code: 'wait-timeout' });

    // After a worker kill the older finished runs stay out too.
    await bgkit.stopServiceWorker();
    await expect(bgkit.waitForRun('Export', { timeout: 600 })).rejects.toMatchObject({ code: 'wait-timeout' });

    // A wait started before the page's action gets that action's run.
    const waiting = bgkit.waitForRun('Export');
    await runFromPage('awaited');
    expect(await waiting).toMatchObject({ status: 'completed', result: { label: 'awaited' } });
    // `since` still reaches back as far as asked.
    expect(await bgkit.waitForRun('Export', { since: 0 })).toMatchObject({ result: { label: 'before any action' } });
  });

  test('fire() simulates every other trigger through the same dispatch, marked simulated in the history', async ({ page, bgkit }) => {
    await registerTask(page, { name: 'Push', entryPoint: 'push.received', trigger: { type: 'push' } });
    await registerTask(page, { name: 'Click', entryPoint: 'toast.react', trigger: { type: 'toastAction' } });
    await registerTask(page, { name: 'Zone', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'timeZoneChange', oneShot: false } });
    await registerTask(page, { name: 'Hourly', entryPoint: 'inbox.refresh', trigger: { type: 'time', freshnessTime: 60, oneShot: false } });

    expect(await bgkit.fire('Push', { payload: '{"from":"fire"}' })).toMatchObject({ via: 'simulated' });
    expect(await bgkit.waitForRun('Push')).toMatchObject({ status: 'completed', source: 'simulated', result: { json: { from: 'fire' } } });
    await bgkit.fire('Click', { action: 'archive', tag: 'm-7' });
    expect(await bgkit.waitForRun('Click')).toMatchObject({ source: 'simulated', result: { action: 'archive', tag: 'm-7' } });
    await bgkit.fire('Zone');
    expect(await bgkit.waitForRun('Zone')).toMatchObject({ source: 'simulated', result: { systemType: 'timeZoneChange' } });
    const before = (await bgkit.registration('Hourly')).schedule!.nextRunTime;
    await bgkit.fire('Hourly');
    expect(await bgkit.waitForRun('Hourly')).toMatchObject({ status: 'completed', source: 'simulated', trigger: 'time' });
    expect((await bgkit.registration('Hourly')).schedule!.nextRunTime).toBeGreaterThan(before);
    // The page's own history view shows where each run came from.
    const sources = await page.evaluate(async () => (await window.bgkit.BackgroundExecutionManager.runs()).map((r) => r.source));
    expect(sources.filter((s) => s === 'simulated')).toHaveLength(4);
    await expect(bgkit.fire('Nobody')).rejects.toMatchObject({ code: 'not-registered' });
  });

  test('deliverPush(), dispatchSync() and dispatchPeriodicSync() use the browser\'s own dispatch', async ({ page, bgkit }) => {
    await registerTask(page, { name: 'Push', entryPoint: 'push.received', trigger: { type: 'push' } });
    expect(await bgkit.deliverPush({ subject: 'hello' })).toEqual({ via: 'real' });
    expect(await bgkit.waitForRun('Push')).toMatchObject({ source: 'push', result: { json: { subject: 'hello' } } });

    // The app's own sync listener (beside bgkit's) hears a real, trusted sync with lastChance.
    await listenToActivity(page);
    expect(await bgkit.dispatchSync('lab:driver', { lastChance: true })).toEqual({ via: 'real' });
    await expect.poll(() => page.evaluate(() => window.__activity)).toContain('sync lab:driver lastChance=true trusted=true');
    // Offline, Chromium drops a dispatched sync without a word: the driver says so instead.
    await page.context().setOffline(true);
    await expect(bgkit.dispatchSync('lab:driver')).rejects.toThrow(/go online first/);
    await expect(bgkit.dispatchSync('lab:driver')).rejects.toMatchObject({ name: 'BgkitError', code: 'context-offline' });
    await page.context().setOffline(false);

    await bgkit.grantPeriodicSync();
    await registerTask(page, { name: 'Refresh', entryPoint: 'inbox.refresh', trigger: { type: 'time', freshnessTime: 15, oneShot: false } });
    expect((await bgkit.registration('Refresh')).schedule?.via).toBe('periodicsync');
    expect(await bgkit.dispatchPeriodicSync(await bgkit.periodicSyncTag('Refresh'))).toEqual({ via: 'real' });
    expect(await bgkit.waitForRun('Refresh')).toMatchObject({ source: 'periodicsync', status: 'completed' });
  });

  test('clickNotification() and closeNotification() without a notification server are simulated, with the notification\'s data', async ({ page, bgkit }) => {
    await registerTask(page, { name: 'On click', entryPoint: 'toast.react', trigger: { type: 'toastAction' } });
    await registerTask(page, { name: 'On close', entryPoint: 'toast.react', trigger: { type: 'toastHistoryChanged' } });
    await runDigest(page, 3);
    expect(await bgkit.clickNotification({ tag: 'digest', action: 'archive' })).toEqual({ via: 'simulated' });
    const click = await bgkit.waitForRun('On click');
    expect(click).toMatchObject({ source: 'simulated', triggerDetails: { action: 'archive', tag: 'digest', title: '3 new messages' } });
    expect((click.triggerDetails as { data: { value: unknown } }).data.value).toEqual({ count: 3 });
    expect(await bgkit.closeNotification({ tag: 'digest' })).toEqual({ via: 'simulated' });
    expect(await bgkit.waitForRun('On close')).toMatchObject({ source: 'simulated', triggerDetails: { action: '', tag: 'digest' } });
  });

  test('a simulated click or close of a notification that was never shown, or on an action it lacks, is refused and runs nothing', async ({ page, bgkit }) => {
    await registerTask(page, { name: 'On click', entryPoint: 'toast.react', trigger: { type: 'toastAction' } });
    await registerTask(page, { name: 'On close', entryPoint: 'toast.react', trigger: { type: 'toastHistoryChanged' } });
    await expect(bgkit.clickNotification({ tag: 'never-shown' })).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument', details: { tag: 'never-shown' } });
    await expect(bgkit.closeNotification({ tag: 'never-shown' })).rejects.toMatchObject({ code: 'invalid-argument', details: { tag: 'never-shown' } });
    await runDigest(page, 2);
    await expect(bgkit.clickNotification({ tag: 'digest', action: 'delete' })).rejects.toMatchObject({ code: 'invalid-argument', details: { tag: 'digest', action: 'delete' } });
    expect(await bgkit.runs({ taskName: 'On click' })).toEqual([]);
    expect(await bgkit.runs({ taskName: 'On close' })).toEqual([]);
  });

  test('a simulated sync reaches the app\'s own listener too, as an untrusted event whose waitUntil works', async ({ page }) => {
    await listenToActivity(page);
    await page.evaluate(() => window.devtools.simulate({ kind: 'sync', tag: 'lab:simulated' }));
    await expect.poll(() => page.evaluate(() => window.__activity)).toContain('sync lab:simulated lastChance=false trusted=false');
  });

  test('setDeviceState() changes what the worker believes, real where the browser can, and fires the system triggers', async ({ page, bgkit }) => {
    await registerTask(page, { name: 'Network', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'networkStateChange', oneShot: false } });
    await registerTask(page, { name: 'Away', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'userAway', oneShot: false } });
    await registerTask(page, { name: 'Power', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'powerStateChange', oneShot: false } });
    await registerTask(page, { name: 'Cost', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'backgroundWorkCostChange', oneShot: false } });
    await registerTask(page, { name: 'Zone', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'timeZoneChange', oneShot: false } });

    expect(await bgkit.setDeviceState({ online: false })).toEqual({ via: { online: 'real' } });
    expect(await bgkit.waitForRun('Network')).toMatchObject({ source: 'page', result: { systemType: 'networkStateChange', online: false } });
    await bgkit.setDeviceState({ online: true });

    expect(await bgkit.setDeviceState({ userPresent: false })).toEqual({ via: { userPresent: 'simulated' } });
    expect(await bgkit.waitForRun('Away')).toMatchObject({ source: 'simulated' });
    // The page is visible and says so on focus; the simulated absence holds until reset.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForTimeout(300);
    expect(await deviceState(page)).toMatchObject({ userPresent: false, simulated: ['userPresent'] });

    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await bgkit.setDeviceState({ onAC: true });
    await bgkit.setDeviceState({ onAC: false });
    expect(await bgkit.waitForRun('Power')).toMatchObject({ source: 'simulated', result: { systemType: 'powerStateChange' } });

    await bgkit.setDeviceState({ workCost: 'high' });
    expect(await bgkit.waitForRun('Cost')).toMatchObject({ result: { systemType: 'backgroundWorkCostChange' } });
    expect(await page.evaluate(() => window.bgkit.BackgroundWorkCost.current())).toBe('high');

    expect(await bgkit.setDeviceState({ timeZone: 'Pacific/Auckland' })).toEqual({ via: { timeZone: 'real' } });
    expect(await bgkit.waitForRun('Zone')).toMatchObject({ source: 'page', result: { systemType: 'timeZoneChange' } });
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Pacific/Auckland');

    await bgkit.resetDeviceState();
    await expect.poll(async () => (await deviceState(page)).simulated).toBeUndefined();

    // Bad input is refused with a code before anything real changes: the page stays online.
    await expect(bgkit.setDeviceState({ online: false, workCost: 'huge' as 'high' })).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument' });
    await expect(bgkit.setDeviceState(null as never)).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument' });
    await expect(bgkit.setDeviceState({ timeZone: 'Nope/Zone' })).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument' });
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
  });

  test('stopServiceWorker() kills a run mid-way; runs() lists the history by task and status', async ({ page, bgkit }) => {
    await registerTask(page, { name: 'Long export', entryPoint: 'report.export', trigger: { type: 'application' } });
    await bgkit.fire('Long export', { arguments: { steps: 50, delayMs: 200 } });
    await bgkit.waitForRun('Long export', { status: 'running' });
    await bgkit.stopServiceWorker();
    // The next call starts a fresh worker, which records the killed run.
    const killed = await bgkit.waitForRun('Long export');
    expect(killed).toMatchObject({ status: 'canceled', cancelReason: 'terminating' });
    await bgkit.fire('Long export', { arguments: { steps: 1, delayMs: 10 } });
    await bgkit.waitForRun('Long export', { status: 'completed' });
    expect((await bgkit.runs({ taskName: 'Long export' })).map((r) => r.status)).toEqual(['completed', 'canceled']);
    expect(await bgkit.runs({ taskName: 'Long export', status: 'canceled' })).toHaveLength(1);
    expect(await bgkit.runs({ limit: 1 })).toHaveLength(1);
  });

  test('cancelRun() cancels a running task with the chosen reason', async ({ page, bgkit }) => {
    await registerTask(page, { name: 'Slow', entryPoint: 'report.export', trigger: { type: 'application' } });
    await bgkit.fire('Slow', { arguments: { steps: 50, delayMs: 200 } });
    const running = await bgkit.waitForRun('Slow', { status: 'running' });
    expect(await bgkit.cancelRun(running.instanceId, 'energySaver')).toBe(true);
    expect(await bgkit.waitForRun('Slow')).toMatchObject({ status: 'canceled', cancelReason: 'energySaver' });
  });

  test('waitForRun() fails with what it saw when no run comes', async ({ page, bgkit }) => {
    await registerTask(page, { name: 'Idle', entryPoint: 'report.export', trigger: { type: 'application' } });
    await expect(bgkit.waitForRun('Idle', { timeout: 500 })).rejects.toThrow(/No run of "Idle" reached completed\/failed\/canceled within 500 ms; since then: no runs/);
    await expect(bgkit.waitForRun('Idle', { timeout: 200 })).rejects.toMatchObject({ name: 'BgkitError', code: 'wait-timeout' });
    await expect(bgkit.waitForRun('Idle', { timeout: '500' as unknown as number })).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument' });
  });

  test('advanceTime() past 100 years ahead in all is invalid-argument, from the driver and from a raw simulation; the clock stays where it was', async ({ page, bgkit }) => {
    const { offset } = await bgkit.advanceTime(60_000);
    const maximum = 100 * 365.25 * 86_400_000;
    // 1e20 ms made every nextRunTime an Invalid Date; the bound itself, on top of the minute, is one minute too far.
    for (const ms of [1e20, maximum]) await expect(bgkit.advanceTime(ms)).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument', details: { maximum } });
    // Past the driver's and the page's own checks (a raw call, as any same-origin script can make): the worker refuses it too.
    expect(await rawCall(page, callMessage('simulate', [{ kind: 'clock', offset: 1e20 }]))).toMatchObject({ ok: false, error: { name: 'BgkitError', code: 'invalid-argument' } });
    expect((await bgkit.advanceTime(1)).offset).toBe(offset + 1);
    await bgkit.resetTime();
  });

  test('attach() takes null options, from plain JavaScript, as none', async ({ page, bgkit }) => {
    expect(await bgkit.runs()).toEqual([]); // the app is up
    const driver = await BgkitDriver.attach(page, null as never);
    expect(await driver.runs()).toEqual([]);
    await driver.detach();
  });
});

test.describe('with a notification server', () => {
  // Its own browser, with a persistent profile whose notifications go to a fake notification server.
  const withServer = driverTest.extend<NotificationFixtures>(notificationFixtures({ open: openApp, permissions: ['notifications'] }));

  withServer('clickNotification() and closeNotification() are real: trusted events from the browser', async ({ page, server }) => {
    const bgkit = await BgkitDriver.attach(page, { notifications: server });
    await registerTask(page, { name: 'On click', entryPoint: 'toast.react', trigger: { type: 'toastAction' } });
    await registerTask(page, { name: 'On close', entryPoint: 'toast.react', trigger: { type: 'toastHistoryChanged' } });
    await runDigest(page, 2);
    expect(await bgkit.clickNotification({ tag: 'digest', action: 'open' })).toEqual({ via: 'real' });
    expect(await bgkit.waitForRun('On click')).toMatchObject({ source: 'notificationclick', triggerDetails: { action: 'open', tag: 'digest' } });
    await runDigest(page, 4);
    expect(await bgkit.closeNotification({ tag: 'digest' })).toEqual({ via: 'real' });
    expect(await bgkit.waitForRun('On close')).toMatchObject({ source: 'notificationclose', triggerDetails: { tag: 'digest', title: '4 new messages' } });
    await bgkit.detach();
  });
});
