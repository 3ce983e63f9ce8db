// The network, really lost and back (Firefox: Services.io.offline; WebKitGTK: the stand-in portal's network
// monitor; requests fail through the server's kill switch), in engines without Background Sync: the
// internetAvailable trigger with the page open and with the app closed, pending conditions, the request queue.
import { expect, test } from 'vitest';
import { attachDriver, openApp, until } from './support/app.js';
import { engineApis, hello, registerTask } from './support/kit.js';
import { observe } from './support/observed.js';
import { forEachEngine, type SuiteContext } from './support/suite.js';

async function goOffline({ engine, server }: SuiteContext): Promise<void> {
  server.down = true;
  await engine.setOnline(false);
  await until('the page to see offline', () => engine.page.evaluate(() => !navigator.onLine));
}

async function goOnline({ engine, server }: SuiteContext): Promise<void> {
  server.down = false;
  await engine.setOnline(true);
}

forEachEngine('network', (ctx, name) => {
  test('internetAvailable fires once on reconnect with the page open', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    expect((await engineApis(engine)).sync).toBe(false);
    await registerTask(engine, { name: 'On reconnect', entryPoint: 'system.react', trigger: ['system', 'internetAvailable', false] });
    const bgkit = await attachDriver(engine);
    await goOffline(ctx);
    await until('the worker to believe offline', async () => (await engine.page.evaluate(() => window.devtools.deviceState())).online === false);
    const since = Date.now();
    await goOnline(ctx);
    const run = await bgkit.waitForRun('On reconnect', { since });
    // The worker's own navigator.onLine moved too: the handler saw it online.
    expect(run).toMatchObject({ status: 'completed', result: { systemType: 'internetAvailable', online: true } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await bgkit.runs({ taskName: 'On reconnect' })).toHaveLength(1);
    observe(name, engine.version, 'internet-available', 'fallback');
  });

  test('internetAvailable fires for a reconnect that happened while the app was closed, at the next worker start', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    await registerTask(engine, { name: 'On reconnect', entryPoint: 'system.react', trigger: ['system', 'internetAvailable', false] });
    await goOffline(ctx);
    await until('the worker to believe offline', async () => (await engine.page.evaluate(() => window.devtools.deviceState())).online === false);
    const { bootId: offlineWorker } = await hello(engine);
    // The app closes; its worker stops; the network comes back with no page to see it.
    await engine.page.goto('about:blank');
    const since = Date.now();
    await goOnline(ctx);
    await engine.stopWorker(server.origin);
    await openApp(engine, server);
    const bgkit = await attachDriver(engine);
    const run = await bgkit.waitForRun('On reconnect', { since, timeout: 20_000 });
    expect(run).toMatchObject({ status: 'completed', result: { systemType: 'internetAvailable', online: true } });
    // It is the new worker's own look at navigator.onLine when it starts (boot() in
    // packages/sw/src/internal/api.ts) that sees the reconnect, before the reopened page reports anything:
    // the run's source is 'worker', in that worker.
    const { bootId } = await hello(engine);
    expect(run).toMatchObject({ source: 'worker', bootId });
    expect(bootId).not.toBe(offlineWorker);
    expect(await bgkit.runs({ taskName: 'On reconnect' })).toHaveLength(1);
    observe(name, engine.version, 'internet-available-app-closed', 'fallback');
  });

  test('a request whose task needs the internet waits as pending while offline and runs on reconnect', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    await registerTask(engine, { name: 'Export when online', entryPoint: 'report.export', trigger: ['application'], conditions: ['internetAvailable'] });
    const bgkit = await attachDriver(engine);
    await goOffline(ctx);
    await until('the worker to believe offline', async () => (await engine.page.evaluate(() => window.devtools.deviceState())).online === false);
    const since = Date.now();
    expect(await bgkit.fire('Export when online', { arguments: { steps: 1, delayMs: 10 } })).toMatchObject({ result: 'allowed' });
    const pending = await engine.page.evaluate(() => window.devtools.pendingTriggers());
    expect(pending).toEqual([expect.objectContaining({ name: 'Export when online', source: 'application' })]);
    expect(await bgkit.runs({ taskName: 'Export when online' })).toEqual([]);
    await goOnline(ctx);
    expect(await bgkit.waitForRun('Export when online', { since })).toMatchObject({ status: 'completed', result: { steps: 1 } });
    expect(await engine.page.evaluate(() => window.devtools.pendingTriggers())).toEqual([]);
    observe(name, engine.version, 'pending-conditions', 'fallback');
  });

  test('a request that fails offline is queued and replayed on reconnect', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    await registerTask(engine, { name: 'Send message', entryPoint: 'outbox.send', trigger: ['application'], networkRequested: true });
    expect((await engineApis(engine)).sync).toBe(false);
    const bgkit = await attachDriver(engine);
    await goOffline(ctx);
    const since = Date.now();
    await bgkit.fire('Send message', { arguments: { text: 'written offline' } });
    expect(await bgkit.waitForRun('Send message', { since })).toMatchObject({ status: 'completed', result: { sent: false, queued: true } });
    expect(server.outbox).toEqual([]);
    await goOnline(ctx);
    await until('the queued request to reach the server', async () => server.outbox.length > 0, 30_000);
    expect(server.outbox).toEqual([{ text: 'written offline' }]);
    // Replayed with the page open, by the page's coming back online or a worker start: no Background Sync here.
    observe(name, engine.version, 'request-queue', 'fallback');
  });
});
