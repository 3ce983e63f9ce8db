// The task model in engines without Background Sync or Periodic Sync: application runs with progress and
// failures reaching the page, persistence across a reload, a worker stopped mid-run, the classic build.
import { expect, test } from 'vitest';
import { attachDriver, openApp, until, waitReady } from './support/app.js';
import { engineApis, hello, registerTask } from './support/kit.js';
import { startFixture } from './support/fixture.js';
import { observe } from './support/observed.js';
import { forEachEngine } from './support/suite.js';

forEachEngine('task model', (ctx, name) => {
  test('an application task runs with its arguments, and its progress and result reach the page as events', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const seen = await engine.page.evaluate(async () => {
      const k = window.bgkit;
      const registration = [...(await k.BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Export report')!;
      const progress: number[] = [];
      registration.addEventListener('progress', (e) => progress.push(e.progress));
      const completed = new Promise<{ status: string; result: unknown }>((resolve) =>
        registration.addEventListener('completed', (e) => resolve({ status: e.status, result: e.checkResult() })),
      );
      const answer = await (registration.trigger as InstanceType<typeof k.ApplicationTrigger>).request({ steps: 4, delayMs: 60, label: 'q3' });
      return { answer, progress, ...(await completed) };
    });
    expect(seen).toEqual({ answer: 'allowed', progress: [25, 50, 75, 100], status: 'completed', result: { label: 'q3', steps: 4, rows: 40 } });
    observe(name, engine.version, 'application-trigger', 'native');
  });

  test('a failing task fails its run, and the error reaches the page with its name and message', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const failed = await engine.page.evaluate(async () => {
      const k = window.bgkit;
      const registration = [...(await k.BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Flaky upload')!;
      const completed = new Promise<{ status: string; error: string }>((resolve) =>
        registration.addEventListener('completed', (e) => {
          try {
            e.checkResult();
            resolve({ status: e.status, error: 'none' });
          } catch (error) {
            resolve({ status: e.status, error: `${(error as Error).name}: ${(error as Error).message}` });
          }
        }),
      );
      await (registration.trigger as InstanceType<typeof k.ApplicationTrigger>).request();
      return completed;
    });
    expect(failed).toEqual({ status: 'failed', error: 'UploadError: The server answered 503 Service Unavailable' });
  });

  test('registrations and the run history survive a reload', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const bgkit = await attachDriver(engine);
    const { taskId } = await bgkit.fire('Export report', { arguments: { steps: 2, delayMs: 10 } });
    const run = await bgkit.waitForRun('Export report');
    await engine.page.reload();
    await waitReady(engine);
    expect((await bgkit.registration('Export report')).taskId).toBe(taskId);
    expect(await bgkit.runs({ taskName: 'Export report' })).toEqual([expect.objectContaining({ instanceId: run.instanceId, status: 'completed' })]);
  });

  test('a worker stopped mid-run leaves its run canceled with terminating, and the next worker answers as before', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const bgkit = await attachDriver(engine);
    const before = Date.now();
    await bgkit.fire('Export report', { arguments: { steps: 25, delayMs: 1000 } });
    const running = await bgkit.waitForRun('Export report', { status: 'running', since: before });
    const { bootId } = await hello(engine);
    await engine.stopWorker(server.origin);
    const settled = await bgkit.waitForRun('Export report', { since: before, timeout: 30_000 });
    expect(settled).toMatchObject({ instanceId: running.instanceId, status: 'canceled', cancelReason: 'terminating' });
    expect((await hello(engine)).bootId).not.toBe(bootId);
    expect(await bgkit.fire('Export report', { arguments: { steps: 1, delayMs: 10 } })).toMatchObject({ result: 'allowed' });
    expect(await bgkit.waitForRun('Export report')).toMatchObject({ status: 'completed' });
  });

  test('power and work-cost system triggers are refused with unsupported-trigger: the engine has no Battery Status API nor Network Information, so they could never fire', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    expect(await engineApis(engine)).toMatchObject({ battery: false, connection: false });
    const refused = await engine.page.evaluate(async () => {
      const k = window.bgkit;
      const answers: Record<string, unknown> = {};
      for (const type of ['powerStateChange', 'backgroundWorkCostChange'] as const) {
        const builder = new k.BackgroundTaskBuilder();
        builder.name = type;
        builder.taskEntryPoint = 'system.react';
        builder.setTrigger(new k.SystemTrigger(type, false));
        answers[type] = await builder.register().then(
          () => 'registered',
          (e: { code?: string; details?: unknown }) => ({ code: e.code, details: e.details }),
        );
      }
      // Nothing half-registered.
      answers.names = [...(await k.BackgroundTaskRegistration.allTasks()).values()].map((r) => r.name);
      return answers;
    });
    expect(refused).toMatchObject({
      powerStateChange: { code: 'unsupported-trigger', details: { api: 'BatteryManager' } },
      backgroundWorkCostChange: { code: 'unsupported-trigger', details: { api: 'BatteryManager' } },
    });
    expect(refused.names).not.toContain('powerStateChange');
    expect(refused.names).not.toContain('backgroundWorkCostChange');
    // A maintenance task, which the same missing API only gates, still registers (the device counts as on AC).
    expect(await registerTask(engine, { name: 'Prune cache', entryPoint: 'maintenance.prune', trigger: ['maintenance', 60, false] })).toMatchObject({ scheduledVia: 'catch-up' });
  });

  test('the classic build loaded with importScripts() runs a task', async () => {
    const { engine } = ctx;
    const fixture = await startFixture();
    try {
      await engine.page.goto(`${fixture.origin}/`);
      await until('the classic page', () => engine.page.evaluate(() => document.body.dataset.ready === 'true'));
      const result = await engine.page.evaluate(async () => {
        const k = window.bgkit;
        const builder = new k.BackgroundTaskBuilder();
        builder.name = 'Echo';
        builder.taskEntryPoint = 'classic.echo';
        const trigger = new k.ApplicationTrigger();
        builder.setTrigger(trigger);
        const registration = await builder.register();
        const completed = new Promise((resolve) => registration.addEventListener('completed', (e) => resolve(e.checkResult())));
        await trigger.request({ from: 'the page' });
        return completed;
      });
      expect(result).toEqual({ echoed: { from: 'the page' }, classic: 'function' });
    } finally {
      await fixture.close();
    }
  });
});
