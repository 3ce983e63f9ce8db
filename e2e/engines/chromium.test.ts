// Chromium's column of the support matrix, from what these tests see Chromium do (the kit's own Chromium
// suites are Playwright's, in e2e/tests): its own events through CDP where a test cannot wait for the browser
// (periodicsync, push: the ServiceWorker domain dispatches the browser's real event), its Background Sync
// after a reconnect (CDP's network emulation, which Chromium's Background Sync follows), with no page open
// where that is the point. Each cell is recorded by the test that showed it, as it showed it.
import { expect, test } from 'vitest';
import { attachDriver, openApp, sleep, until } from './support/app.js';
import { accessWithStorage, engineApis, registerTask, runsInWorker } from './support/kit.js';
import { observe } from './support/observed.js';
import { forEachEngine, type SuiteContext } from './support/suite.js';

/** The Background Sync tags the page's registration holds. */
function syncTags({ engine }: SuiteContext): Promise<string[]> {
  return engine.page.evaluate(async () => ((await navigator.serviceWorker.ready) as unknown as { sync: { getTags(): Promise<string[]> } }).sync.getTags());
}

/** Offline as the app sees it: the page and the worker (its report stored), and the server unreachable. */
async function goOffline(ctx: SuiteContext): Promise<void> {
  ctx.server.down = true;
  await ctx.engine.setOnline(false);
  await until('the worker to believe offline', async () => (await ctx.engine.page.evaluate(() => window.devtools.deviceState())).online === false);
}

/**
 * Closes the app while offline: its page leaves, and its worker is left for the browser to stop. (Stopped
 * through CDP while its network is emulated offline, a worker's Background Sync keeps believing it offline
 * after the emulation ends: seen in Chromium 156, and no real browser stops it that way.)
 */
async function closeApp({ engine }: SuiteContext): Promise<void> {
  await engine.page.goto('about:blank');
}

forEachEngine('support matrix', (ctx, name) => {
  test('an application task runs; a time task of a page without Periodic Background Sync is caught up on the kit clock', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    expect(await engineApis(engine)).toMatchObject({ sync: true, periodicSync: true, pushManager: true, persist: true, battery: true });
    const bgkit = await attachDriver(engine);
    const before = Date.now();
    await bgkit.fire('Export report', { arguments: { steps: 2, delayMs: 10 } });
    expect(await bgkit.waitForRun('Export report', { since: before })).toMatchObject({ status: 'completed', source: 'application', result: { steps: 2 } });
    observe(name, engine.version, 'application-trigger', 'native');

    // Periodic sync is granted to installed apps only: a test page's time task is caught up, on the kit clock.
    const registered = await registerTask(engine, { name: 'Refresh inbox', entryPoint: 'inbox.refresh', trigger: ['time', 15, false] });
    expect(registered.scheduledVia).toBe('catch-up');
    expect(await bgkit.advanceTime(16 * 60_000)).toMatchObject({ via: 'simulated', offset: 16 * 60_000 });
    await engine.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect(await bgkit.waitForRun('Refresh inbox', { since: before })).toMatchObject({ status: 'completed', source: 'catch-up' });
    observe(name, engine.version, 'kit-clock', 'simulated-only');
    await bgkit.resetTime();
  });

  test('time and maintenance tasks are scheduled with Periodic Background Sync once it is granted, and run on its periodicsync', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const bgkit = await attachDriver(engine);
    // What Chromium gives an installed, engaged app, granted as the driver does it (Browser.setPermission).
    await bgkit.grantPeriodicSync(server.origin);
    const time = await registerTask(engine, { name: 'Refresh inbox', entryPoint: 'inbox.refresh', trigger: ['time', 15, false] });
    const maintenance = await registerTask(engine, { name: 'Prune cache', entryPoint: 'maintenance.prune', trigger: ['maintenance', 60, false] });
    expect([time.scheduledVia, maintenance.scheduledVia]).toEqual(['periodicsync', 'periodicsync']);
    const tags = await engine.page.evaluate(async () => ((await navigator.serviceWorker.ready) as unknown as { periodicSync: { getTags(): Promise<string[]> } }).periodicSync.getTags());
    for (const [task, feature] of [['Refresh inbox', 'time-trigger'], ['Prune cache', 'maintenance-trigger']] as const) {
      const tag = await bgkit.periodicSyncTag(task);
      expect(tags).toContain(tag);
      const before = Date.now();
      expect(await bgkit.dispatchPeriodicSync(tag)).toEqual({ via: 'real' });
      const run = await bgkit.waitForRun(task, { since: before });
      expect(run).toMatchObject({ status: 'completed', source: 'periodicsync' });
      observe(name, engine.version, feature, 'native');
    }
    await bgkit.detach();
  });

  test('a push task runs on a push message the browser delivers', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    await registerTask(engine, { name: 'On push', entryPoint: 'push.received', trigger: ['push'] });
    const bgkit = await attachDriver(engine);
    expect(await bgkit.deliverPush({ hello: 'chromium' })).toEqual({ via: 'real' });
    const run = await bgkit.waitForRun('On push');
    expect(run).toMatchObject({ status: 'completed', source: 'push', triggerDetails: { json: { hello: 'chromium' } } });
    observe(name, engine.version, 'push-trigger', 'native');
    await bgkit.detach();
  });

  test('internetAvailable with the page open: going offline asks for a Background Sync, and the reconnect runs the task once', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    await registerTask(engine, { name: 'On reconnect', entryPoint: 'system.react', trigger: ['system', 'internetAvailable', false] });
    const bgkit = await attachDriver(engine);
    await goOffline(ctx);
    await until('the worker to ask for a Background Sync', async () => (await syncTags(ctx)).includes('bgkit-internet'));
    const since = Date.now();
    server.down = false;
    await engine.setOnline(true);
    const run = await bgkit.waitForRun('On reconnect', { since });
    expect(run).toMatchObject({ status: 'completed', result: { systemType: 'internetAvailable', online: true } });
    await sleep(1500);
    expect(await bgkit.runs({ taskName: 'On reconnect' })).toHaveLength(1);
    // Whichever saw the reconnect first ran it: the open page's report ('page', the relay every engine has) or
    // the browser's Background Sync ('sync'). The cell says which it was in this run.
    observe(name, engine.version, 'internet-available', run.source === 'sync' ? 'native' : 'fallback');
    await bgkit.detach();
  });

  test('internetAvailable with the app closed: the reconnect\'s Background Sync runs the task, with no page open', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    await registerTask(engine, { name: 'On reconnect', entryPoint: 'system.react', trigger: ['system', 'internetAvailable', false] });
    await goOffline(ctx);
    await until('the worker to ask for a Background Sync', async () => (await syncTags(ctx)).includes('bgkit-internet'));
    await closeApp(ctx);
    server.down = false;
    await engine.setOnline(true);
    // Read inside the worker the sync started: a page opened now would report the network itself.
    const run = await until('the run, in the worker', async () => (await runsInWorker(engine, server.origin)).find((r) => r.name === 'On reconnect' && r.status === 'completed'), 20_000);
    expect(run).toMatchObject({ source: 'sync' });
    observe(name, engine.version, 'internet-available-app-closed', 'native');
  });

  test('a request whose task needs the internet waits as pending while offline, and the reconnect\'s Background Sync runs it with no page open', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    await registerTask(engine, { name: 'Export when online', entryPoint: 'report.export', trigger: ['application'], conditions: ['internetAvailable'] });
    const bgkit = await attachDriver(engine);
    await goOffline(ctx);
    expect(await bgkit.fire('Export when online', { arguments: { steps: 1, delayMs: 10 } })).toMatchObject({ result: 'allowed' });
    expect(await engine.page.evaluate(() => window.devtools.pendingTriggers())).toEqual([expect.objectContaining({ name: 'Export when online' })]);
    await until('the worker to ask for a Background Sync', async () => (await syncTags(ctx)).includes('bgkit-internet'));
    await closeApp(ctx);
    server.down = false;
    await engine.setOnline(true);
    const run = await until('the run, in the worker', async () => (await runsInWorker(engine, server.origin)).find((r) => r.name === 'Export when online' && r.status === 'completed'), 20_000);
    expect(run).toMatchObject({ source: 'application' });
    observe(name, engine.version, 'pending-conditions', 'native');
  });

  test('a request that fails offline is queued and replayed by Background Sync on reconnect, with no page open', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    await registerTask(engine, { name: 'Send message', entryPoint: 'outbox.send', trigger: ['application'], networkRequested: true });
    const bgkit = await attachDriver(engine);
    await goOffline(ctx);
    const since = Date.now();
    await bgkit.fire('Send message', { arguments: { text: 'written offline' } });
    expect(await bgkit.waitForRun('Send message', { since })).toMatchObject({ status: 'completed', result: { sent: false, queued: true } });
    await until('the queue to ask for a Background Sync', async () => (await syncTags(ctx)).some((tag) => tag.startsWith('workbox-background-sync:')));
    await closeApp(ctx);
    server.down = false;
    await engine.setOnline(true);
    await until('the queued request to reach the server', async () => server.outbox.length > 0, 30_000);
    expect(server.outbox).toEqual([{ text: 'written offline' }]);
    expect(engine.page.url()).toBe('about:blank');
    observe(name, engine.version, 'request-queue', 'native');
  });

  test('persistent storage, granted as a user would, is what requestAccess() reports', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const seen = await accessWithStorage(engine);
    expect(seen.persisted).toBe(true);
    expect(seen.report.missing).not.toContain('persistentStorage');
    observe(name, engine.version, 'persistent-storage', 'native');
  });
}, ['chromium']);
