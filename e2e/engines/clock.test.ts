// The kit clock (packages/sw/src/internal/clock.ts) moved by BgkitDriver.advanceTime(): time and maintenance
// tasks made due run by the catch-up fallback, on the worker's next wake and at an open page's heartbeat, in
// engines without Periodic Background Sync; time limits follow the clock; the offset survives a restart.
import { expect, test } from 'vitest';
import type { StoredRun } from '@bgkit/sw/protocol';
import { attachDriver, openApp, until } from './support/app.js';
import { engineApis, hello, kitClock, registerTask } from './support/kit.js';
import { observe } from './support/observed.js';
import { forEachEngine } from './support/suite.js';
import { startFixture } from './support/fixture.js';

const MINUTE = 60_000;

forEachEngine('kit clock and catch-up', (ctx, name) => {
  test('a TimeTrigger task made due by advanceTime() runs on the next worker wake (catch-up), in a new worker', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const apis = await engineApis(engine);
    expect(apis.periodicSync).toBe(false); // the fallback is what runs it here
    const bgkit = await attachDriver(engine);
    const before = Date.now();
    const registered = await registerTask(engine, { name: 'Refresh inbox', entryPoint: 'inbox.refresh', trigger: ['time', 15, false] });
    expect(registered.scheduledVia).toBe('catch-up');
    expect(registered.nextRunTime).toBeGreaterThanOrEqual(before + 15 * MINUTE);

    const moved = await bgkit.advanceTime(16 * MINUTE);
    expect(moved).toMatchObject({ via: 'simulated', offset: 16 * MINUTE });
    expect(moved.now - Date.now()).toBeGreaterThan(15 * MINUTE);
    // Moving the clock runs nothing by itself: the run below is the catch-up's.
    expect(await bgkit.runs({ taskName: 'Refresh inbox' })).toEqual([]);

    const { bootId: first } = await hello(engine);
    await engine.stopWorker(server.origin);
    // The next call starts a new worker, whose boot catches up the slot that fell due on the kit clock: the
    // offset was read back from IndexedDB (a worker that forgot it would find nothing due).
    const run = await bgkit.waitForRun('Refresh inbox', { since: before, timeout: 30_000 });
    expect(run).toMatchObject({ status: 'completed', source: 'catch-up' });
    const { bootId: second } = await hello(engine);
    expect(second).not.toBe(first);
    expect((run as StoredRun).bootId).toBe(second);
    // The next slot is a period after the run, on the kit clock.
    const registration = await bgkit.registration('Refresh inbox');
    expect(registration.schedule!.nextRunTime).toBeGreaterThanOrEqual(before + 16 * MINUTE + 15 * MINUTE);
    observe(name, engine.version, 'time-trigger', run.source === 'periodicsync' ? 'native' : 'fallback');
    observe(name, engine.version, 'kit-clock', 'simulated-only');
  });

  test('TimeTrigger and MaintenanceTrigger tasks made due run at the heartbeat of an open page, in the same worker', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const bgkit = await attachDriver(engine);
    const before = Date.now();
    await registerTask(engine, { name: 'Refresh inbox', entryPoint: 'inbox.refresh', trigger: ['time', 30, false] });
    await registerTask(engine, { name: 'Prune cache', entryPoint: 'maintenance.prune', trigger: ['maintenance', 60, false] });
    const { bootId } = await hello(engine);

    await bgkit.advanceTime(31 * MINUTE);
    // The page's heartbeat (each minute, and on focus) asks the live worker for what fell due: only the
    // 30-minute task has.
    await engine.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const refreshed = await bgkit.waitForRun('Refresh inbox', { since: before });
    expect(refreshed).toMatchObject({ status: 'completed', source: 'catch-up', bootId });
    expect(await bgkit.runs({ taskName: 'Prune cache' })).toEqual([]);

    await bgkit.advanceTime(30 * MINUTE);
    await engine.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const pruned = await bgkit.waitForRun('Prune cache', { since: before });
    // No Battery Status API in this engine: the device counts as on AC, so maintenance runs.
    expect(pruned).toMatchObject({ status: 'completed', source: 'catch-up', bootId, result: { pruned: 20 } });
    expect((await hello(engine)).bootId).toBe(bootId);

    // Back to real time, in the worker as the driver says.
    const reset = await bgkit.resetTime();
    expect(reset).toMatchObject({ via: 'simulated', offset: 0 });
    expect(Math.abs(reset.now - Date.now())).toBeLessThan(5000);
    expect(await kitClock(engine)).toMatchObject({ offset: 0 });
    observe(name, engine.version, 'maintenance-trigger', pruned.source === 'periodicsync' ? 'native' : 'fallback');
  });

  test('a running task whose time limit the clock moves past, in two moves, is canceled with executionTimeExceeded', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const bgkit = await attachDriver(engine);
    const before = Date.now();
    // 50 steps of a second: far longer than the test waits, within its 30 s limit only on the real clock.
    expect(await bgkit.fire('Export report', { arguments: { steps: 50, delayMs: 1000 } })).toMatchObject({ result: 'allowed' });
    const running = await bgkit.waitForRun('Export report', { status: 'running' });
    // 20 s on the kit clock: within the limit, the run goes on.
    await bgkit.advanceTime(20_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await bgkit.runs({ taskName: 'Export report' })).toEqual([expect.objectContaining({ instanceId: running.instanceId, status: 'running' })]);
    // 20 s more: 40 s of the run's time on the kit clock, past its 30 s limit (the moves add up).
    await bgkit.advanceTime(20_000);
    const run = await bgkit.waitForRun('Export report', { since: before, timeout: 10_000 });
    expect(run).toMatchObject({ instanceId: running.instanceId, status: 'canceled', cancelReason: 'executionTimeExceeded' });
    expect(run.finishedAt! - run.startedAt!).toBeLessThan(30_000);
    expect(await bgkit.resetTime()).toMatchObject({ via: 'simulated', offset: 0 });
  });

  test('a task that asks for a retry runs again once its backoff has passed on the kit clock: at the heartbeat, then in a new worker', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const bgkit = await attachDriver(engine);
    const before = Date.now();
    await engine.page.evaluate(async () => {
      const k = window.bgkit;
      const builder = new k.BackgroundTaskBuilder();
      builder.name = 'Retried upload';
      builder.taskEntryPoint = 'retry.flaky';
      const trigger = new k.ApplicationTrigger();
      builder.setTrigger(trigger);
      builder.retryPolicy = { backoff: 'linear', initialDelay: 10_000, maxAttempts: 3 };
      await builder.register();
      await trigger.request({ succeedAt: 3 });
    });
    const first = await bgkit.waitForRun('Retried upload', { since: before });
    expect(first).toMatchObject({ status: 'failed', attempt: 1, retry: { attempt: 2, maxAttempts: 3 } });

    // The heartbeat of the open page, in the same worker: 10 s (linear, first delay) on the kit clock.
    await bgkit.advanceTime(10_000);
    await engine.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const second = await until('the second attempt', async () => (await bgkit.runs({ taskName: 'Retried upload' })).find((r) => r.attempt === 2 && r.status === 'failed'));
    expect(second).toMatchObject({ instanceId: first.retry!.instanceId, source: 'retry', retry: { attempt: 3 } });

    // 20 s more (linear: twice the first), and the worker is gone: the next one runs the third attempt.
    await bgkit.advanceTime(20_000);
    await engine.stopWorker(server.origin);
    const third = await until('the third attempt', async () => (await bgkit.runs({ taskName: 'Retried upload' })).find((r) => r.attempt === 3 && r.status === 'completed'), 30_000);
    expect(third).toMatchObject({ instanceId: second.retry!.instanceId, result: { attempt: 3 } });

    // The reset is stored as the moves were: the next worker reads real time back, not the 30 s.
    expect(await kitClock(engine)).toMatchObject({ offset: 30_000 });
    expect(await bgkit.resetTime()).toMatchObject({ via: 'simulated', offset: 0 });
    const { bootId } = await hello(engine);
    await engine.stopWorker(server.origin);
    expect(await kitClock(engine)).toMatchObject({ offset: 0 });
    expect((await hello(engine)).bootId).not.toBe(bootId);
  });

  test('the clock is refused with devtools-disabled by a worker without enableDevtools() (the classic build)', async () => {
    const { engine } = ctx;
    const fixture = await startFixture();
    try {
      await engine.page.goto(`${fixture.origin}/`);
      await until('the classic page', () => engine.page.evaluate(() => document.body.dataset.ready === 'true'));
      await until('its worker', () => engine.page.evaluate(async () => !!(await navigator.serviceWorker.ready).active));
      const bgkit = await attachDriver(engine);
      await expect(bgkit.advanceTime(MINUTE)).rejects.toMatchObject({ code: 'devtools-disabled' });
      await expect(bgkit.advanceTime(-1)).rejects.toMatchObject({ code: 'invalid-argument' });
    } finally {
      await fixture.close();
    }
  });
});

