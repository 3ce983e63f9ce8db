import type { Page } from '@playwright/test';
import { expect, openApp, test } from '../fixtures';
import { waitReady } from '../support/page';

test.describe('registration', () => {
  test('registers the demo tasks, ungrouped and grouped, and lists them', async ({ app }) => {
    const listed = await app.evaluate(async () => {
      const { BackgroundTaskRegistration } = window.bgkit;
      const tasks = await BackgroundTaskRegistration.allTasks();
      const groups = await BackgroundTaskRegistration.allTaskGroups();
      const group = await BackgroundTaskRegistration.getTaskGroup('com.example.maintenance');
      const grouped = group ? [...(await group.allTasks()).values()].map((r) => r.name) : [];
      return {
        names: [...tasks.values()].map((r) => r.name).sort(),
        entryPoints: [...tasks.values()].map((r) => r.taskEntryPoint).sort(),
        triggers: [...tasks.values()].map((r) => r.trigger.type),
        idsMatchKeys: [...tasks].every(([id, r]) => id === r.taskId),
        groups: [...groups.keys()],
        groupName: group?.name,
        grouped,
        missing: await BackgroundTaskRegistration.getTaskGroup('no.such.group'),
      };
    });
    expect(listed.names).toEqual(['Export report', 'Flaky upload', 'Sluggish sync']);
    expect(listed.entryPoints).toEqual(['report.export', 'sync.sluggish', 'upload.flaky']);
    expect(listed.triggers).toEqual(['application', 'application', 'application']);
    expect(listed.idsMatchKeys).toBe(true);
    expect(listed.groups).toEqual(['com.example.maintenance']);
    expect(listed.groupName).toBe('Maintenance');
    expect(listed.grouped).toEqual(['Cache cleanup']);
    expect(listed.missing).toBeNull();
  });

  test('registering the same name with the same settings returns the existing task; other settings replace it', async ({ app }) => {
    const result = await app.evaluate(async () => {
      const { BackgroundTaskBuilder, ApplicationTrigger, BackgroundTaskRegistration } = window.bgkit;
      const before = [...(await BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Flaky upload')!;
      const same = new BackgroundTaskBuilder();
      same.name = 'Flaky upload';
      same.taskEntryPoint = 'upload.flaky';
      same.setTrigger(new ApplicationTrigger());
      const again = await same.register();
      const other = new BackgroundTaskBuilder();
      other.name = 'Flaky upload';
      other.taskEntryPoint = 'report.export';
      other.setTrigger(new ApplicationTrigger());
      const replaced = await other.register();
      const after = await BackgroundTaskRegistration.allTasks();
      return {
        sameId: again.taskId === before.taskId,
        sameObject: again === before,
        replacedId: replaced.taskId !== before.taskId,
        oldGone: !after.has(before.taskId),
        newEntry: after.get(replaced.taskId)?.taskEntryPoint,
        count: after.size,
      };
    });
    expect(result).toEqual({ sameId: true, sameObject: true, replacedId: true, oldGone: true, newEntry: 'report.export', count: 3 });
  });

  test('every validation error has its code, and nothing stored is lost', async ({ app }) => {
    const codes = await app.evaluate(async () => {
      const { BackgroundTaskBuilder, ApplicationTrigger, BackgroundTaskRegistrationGroup, BackgroundTaskRegistration } = window.bgkit;
      const attempt = async (fn: () => unknown) => {
        try {
          await fn();
          return 'no error';
        } catch (error) {
          const e = error as { name: string; code?: string };
          return `${e.name}:${e.code}`;
        }
      };
      const builder = (name: string, entry: string, trigger = true) => {
        const b = new BackgroundTaskBuilder();
        b.name = name;
        b.taskEntryPoint = entry;
        if (trigger) b.setTrigger(new ApplicationTrigger());
        return b;
      };
      const registered = [...(await BackgroundTaskRegistration.allTasks()).values()][0]!;
      const out = {
        missingTrigger: await attempt(() => builder('x', 'report.export', false).register()),
        emptyName: await attempt(() => builder('  ', 'report.export').register()),
        emptyEntryPoint: await attempt(() => builder('x', '').register()),
        undefinedEntryPoint: await attempt(() => builder('x', 'no.such.task').register()),
        badTrigger: await attempt(() => new BackgroundTaskBuilder().setTrigger({ type: 'application' } as never)),
        badCondition: await attempt(() => new BackgroundTaskBuilder().addCondition({} as never)),
        badGroup: await attempt(() => new BackgroundTaskRegistrationGroup('')),
        badFlag: await attempt(() => {
          const b = builder('x', 'report.export');
          (b as { isNetworkRequested: unknown }).isNetworkRequested = 'yes';
          return b.register();
        }),
        unregisteredTrigger: await attempt(() => new ApplicationTrigger().request()),
        uncloneableArgs: await attempt(() => (registered.trigger as InstanceType<typeof ApplicationTrigger>).request({ fn: () => 1 })),
        arrayArgs: await attempt(() => (registered.trigger as InstanceType<typeof ApplicationTrigger>).request([1] as never)),
        validateFalse: builder('x', '').validate(),
        validateTrue: builder('x', 'anything').validate(),
        remaining: (await BackgroundTaskRegistration.allTasks()).size,
        hasX: [...(await BackgroundTaskRegistration.allTasks()).values()].some((r) => r.name === 'x'),
      };
      return out;
    });
    expect(codes).toEqual({
      missingTrigger: 'BgkitError:missing-trigger',
      emptyName: 'BgkitError:invalid-name',
      emptyEntryPoint: 'BgkitError:invalid-entry-point',
      undefinedEntryPoint: 'BgkitError:entry-point-not-defined',
      badTrigger: 'BgkitError:invalid-trigger',
      badCondition: 'BgkitError:invalid-argument',
      badGroup: 'BgkitError:invalid-group',
      badFlag: 'BgkitError:invalid-argument',
      unregisteredTrigger: 'BgkitError:not-registered',
      uncloneableArgs: 'BgkitError:invalid-arguments',
      arrayArgs: 'BgkitError:invalid-arguments',
      validateFalse: false,
      validateTrue: true,
      remaining: 3,
      hasX: false,
    });
  });
});

test.describe('runs', () => {
  test('a request with arguments reports progress and completes with the handler result', async ({ app }) => {
    const outcome = await app.evaluate(async () => {
      const { BackgroundTaskRegistration } = window.bgkit;
      const reg = [...(await BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Export report')!;
      const progress: number[] = [];
      reg.addEventListener('progress', (e) => progress.push(e.progress));
      const completed = new Promise<{ status: string; result: unknown; instanceId: string }>((resolve) =>
        reg.addEventListener('completed', (e) => resolve({ status: e.status, result: e.checkResult(), instanceId: e.instanceId }), { once: true }),
      );
      const trigger = reg.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>;
      const requested = await trigger.request({ steps: 4, delayMs: 40, label: 'q3' });
      const done = await completed;
      const [run] = await reg.runs({ limit: 1 });
      return { requested, progress, done, run };
    });
    expect(outcome.requested).toBe('allowed');
    expect(outcome.progress).toEqual([25, 50, 75, 100]);
    expect(outcome.done.status).toBe('completed');
    expect(outcome.done.result).toEqual({ label: 'q3', steps: 4, rows: 40 });
    expect(outcome.run).toMatchObject({
      instanceId: outcome.done.instanceId,
      status: 'completed',
      progress: 100,
      source: 'application',
      trigger: 'application',
      triggerDetails: { arguments: { steps: 4, delayMs: 40, label: 'q3' } },
      result: { label: 'q3', steps: 4, rows: 40 },
    });
    expect(outcome.run!.finishedAt).toBeGreaterThanOrEqual(outcome.run!.startedAt!);
  });

  test('the demo UI shows live progress and the result', async ({ app }) => {
    const card = app.locator('[data-task="report.export"]');
    await card.getByLabel('Steps').fill('3');
    await card.getByLabel('Delay (ms)').fill('300');
    await card.getByRole('button', { name: 'Run now' }).click();
    await expect(card.locator('.state')).toHaveText(/Running… \d+%/);
    await expect(card.locator('.state')).toHaveText('Completed: {"label":"report","steps":3,"rows":30}');
    await expect(card.locator('progress')).toHaveJSProperty('value', 100);
    await expect(app.locator('#runs tr[data-status="completed"]').first()).toContainText('Export report');
  });

  test('a second request while the task runs answers currentlyRunning', async ({ app }) => {
    const results = await app.evaluate(async () => {
      const { BackgroundTaskRegistration } = window.bgkit;
      const reg = [...(await BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Export report')!;
      const trigger = reg.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>;
      const completed = new Promise((resolve) => reg.addEventListener('completed', resolve, { once: true }));
      const first = await trigger.request({ steps: 3, delayMs: 200 });
      const second = await trigger.request({ steps: 1 });
      await completed;
      const third = await trigger.request({ steps: 1, delayMs: 0 });
      return [first, second, third];
    });
    expect(results).toEqual(['allowed', 'currentlyRunning', 'allowed']);
  });

  test('a failing task: checkResult() throws its error with name and message intact', async ({ app }) => {
    const failure = await app.evaluate(async () => {
      const { BackgroundTaskRegistration } = window.bgkit;
      const reg = [...(await BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Flaky upload')!;
      // The handler sets progress 30 before its first await, then throws: pages still hear the 30.
      const heard: string[] = [];
      reg.addEventListener('progress', (e) => heard.push(`progress ${e.progress}`));
      reg.addEventListener('completed', () => heard.push('completed'));
      const completed = new Promise<Record<string, unknown>>((resolve) =>
        reg.addEventListener('completed', (e) => {
          try {
            e.checkResult();
            resolve({ threw: false });
          } catch (error) {
            const err = error as Error;
            resolve({ threw: true, isError: err instanceof Error, name: err.name, message: err.message, status: e.status });
          }
        }),
      );
      await (reg.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request();
      const result = await completed;
      const [run] = await reg.runs({ limit: 1 });
      return { ...result, run, heard };
    });
    expect(failure).toMatchObject({
      heard: ['progress 30', 'completed'],
      threw: true,
      isError: true,
      name: 'UploadError',
      message: 'The server answered 503 Service Unavailable',
      status: 'failed',
      run: { status: 'failed', progress: 30, error: { name: 'UploadError', message: 'The server answered 503 Service Unavailable' } },
    });
    await expect(app.locator('[data-task="upload.flaky"] .state')).toHaveText('Failed: UploadError: The server answered 503 Service Unavailable');
  });

  test('a task over its time limit is canceled with executionTimeExceeded and its signal aborts', async ({ app }) => {
    const card = app.locator('[data-task="sync.sluggish"]');
    const started = Date.now();
    await card.getByRole('button', { name: 'Run now' }).click();
    await expect(card.locator('.state')).toHaveText('Canceled: BgkitError: task-canceled (executionTimeExceeded)');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    await expect(app.locator('#activity')).toContainText('Sluggish sync: canceled (executionTimeExceeded)');
    await expect(app.locator('#activity')).toContainText('Sluggish sync: signal aborted');
    const run = await app.evaluate(async () => {
      const [latest] = await window.bgkit.BackgroundExecutionManager.runs({ limit: 1 });
      return latest;
    });
    expect(run).toMatchObject({ name: 'Sluggish sync', status: 'canceled', cancelReason: 'executionTimeExceeded' });
    expect(run!.finishedAt! - run!.startedAt!).toBeGreaterThanOrEqual(1400);
  });

  test('unregister(true) cancels a running instance with abort', async ({ app }) => {
    const outcome = await app.evaluate(async () => {
      const { BackgroundTaskRegistration } = window.bgkit;
      const reg = [...(await BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Export report')!;
      const completed = new Promise<{ status: string; reason: unknown }>((resolve) =>
        reg.addEventListener('completed', (e) => resolve({ status: e.status, reason: e.run.cancelReason })),
      );
      await (reg.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ steps: 20, delayMs: 200 });
      await reg.unregister(true);
      const done = await completed;
      return { ...done, stillListed: (await BackgroundTaskRegistration.allTasks()).has(reg.taskId) };
    });
    expect(outcome).toEqual({ status: 'canceled', reason: 'abort', stillListed: false });
  });

  test('removeAccess unregisters every task, cancels what runs with uninstall; access status reflects it', async ({ app }) => {
    const result = await stopExportWith(app, 'removeAccess');
    expect(['alwaysAllowed', 'allowedSubjectToSystemPolicy']).toContain(result.before);
    expect(result).toMatchObject({ after: 'unspecified', tasks: 0, groups: 0, run: { status: 'canceled', reason: 'uninstall' } });
  });
});

test.describe('durability', () => {
  test('registrations and run history survive a reload', async ({ app }) => {
    const before = await app.evaluate(async () => {
      const { BackgroundTaskRegistration } = window.bgkit;
      const reg = [...(await BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Export report')!;
      const completed = new Promise((resolve) => reg.addEventListener('completed', resolve, { once: true }));
      await (reg.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ steps: 1, delayMs: 0, label: 'kept' });
      await completed;
      return { ids: [...(await BackgroundTaskRegistration.allTasks()).keys()].sort(), runs: await reg.runs() };
    });
    await app.reload();
    await waitReady(app);
    const after = await app.evaluate(async () => {
      const { BackgroundTaskRegistration } = window.bgkit;
      const tasks = await BackgroundTaskRegistration.allTasks();
      const reg = [...tasks.values()].find((r) => r.name === 'Export report')!;
      return { ids: [...tasks.keys()].sort(), runs: await reg.runs() };
    });
    expect(after.ids).toEqual(before.ids);
    expect(after.runs).toEqual(before.runs);
    expect(after.runs[0]).toMatchObject({ status: 'completed', result: { label: 'kept' } });
    await expect(app.locator('#runs tr').first()).toContainText('{"label":"kept","steps":1,"rows":10}');
  });

  test('a second tab receives progress and completion of a run started in the first', async ({ app, context }) => {
    const second = await context.newPage();
    await openApp(second);
    const heard = second.evaluate(async () => {
      const { BackgroundTaskRegistration } = window.bgkit;
      const reg = [...(await BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Export report')!;
      const progress: number[] = [];
      reg.addEventListener('progress', (e) => progress.push(e.progress));
      return new Promise<{ progress: number[]; result: unknown }>((resolve) =>
        reg.addEventListener('completed', (e) => resolve({ progress, result: e.checkResult() })),
      );
    });
    await expect.poll(() => second.evaluate(() => 1)).toBe(1);
    const card = app.locator('[data-task="report.export"]');
    await card.getByLabel('Steps').fill('2');
    await card.getByLabel('Delay (ms)').fill('100');
    await card.getByRole('button', { name: 'Run now' }).click();
    expect(await heard).toEqual({ progress: [50, 100], result: { label: 'report', steps: 2, rows: 20 } });
    await expect(second.locator('[data-task="report.export"] .state')).toHaveText('Completed: {"label":"report","steps":2,"rows":20}');
  });

  test('a worker stopped mid-run leaves the run canceled with reason terminating, and calls still work', async ({ app, cdp }) => {
    const card = app.locator('[data-task="report.export"]');
    await card.getByLabel('Steps').fill('40');
    await card.getByLabel('Delay (ms)').fill('250');
    await card.getByRole('button', { name: 'Run now' }).click();
    await expect(card.locator('.state')).toHaveText(/Running… \d+%/);
    await cdp.stopWorker();
    expect(await cdp.runningStatus()).toBe('stopped');
    // The next call wakes a fresh worker, which settles what the killed one left behind before answering.
    const runs = await app.evaluate(() => window.bgkit.BackgroundExecutionManager.runs({ limit: 1 }));
    expect(runs[0]).toMatchObject({ name: 'Export report', status: 'canceled', cancelReason: 'terminating' });
    expect(runs[0]!.progress).toBeGreaterThan(0);
    expect(runs[0]!.progress).toBeLessThan(100);
    await expect(card.locator('.state')).toHaveText('Canceled: BgkitError: task-canceled (terminating)');
    // And the task can run again on the new worker.
    await card.getByLabel('Steps').fill('1');
    await card.getByLabel('Delay (ms)').fill('0');
    await card.getByRole('button', { name: 'Run now' }).click();
    await expect(card.locator('.state')).toHaveText('Completed: {"label":"report","steps":1,"rows":10}');
  });

  test('a worker stopped between calls is restarted by the next call', async ({ app, cdp }) => {
    await cdp.stopWorker();
    const names = await app.evaluate(async () =>
      [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).values()].map((r) => r.name).sort(),
    );
    expect(names).toEqual(['Export report', 'Flaky upload', 'Sluggish sync']);
    expect(await cdp.runningStatus()).toBe('running');
  });
});

test('unregisterServiceWorker() cancels what runs with uninstall, unregisters every task, then the worker', async ({ app }) => {
  const result = await stopExportWith(app, 'unregisterServiceWorker');
  expect(result).toMatchObject({ answered: true, run: { status: 'canceled', reason: 'uninstall' }, registration: null });
});

/**
 * Starts a long run of the test app's Export report, and once it reports progress removes the app's access
 * or unregisters its worker; resolves with how the run ended and what the page sees afterwards.
 */
function stopExportWith(page: Page, how: 'removeAccess' | 'unregisterServiceWorker') {
  return page.evaluate(async (how) => {
    const { BackgroundExecutionManager, BackgroundTaskRegistration } = window.bgkit;
    const before = await BackgroundExecutionManager.getAccessStatus();
    const reg = [...(await BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Export report')!;
    const started = new Promise((resolve) => reg.addEventListener('progress', resolve, { once: true }));
    const completed = new Promise<{ status: string; reason?: string }>((resolve) =>
      reg.addEventListener('completed', (e) => resolve({ status: e.status, reason: e.run.cancelReason }), { once: true }),
    );
    await (reg.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ steps: 20, delayMs: 200 });
    await started;
    if (how === 'removeAccess') {
      await BackgroundExecutionManager.removeAccess();
      return {
        before,
        run: await completed,
        after: await BackgroundExecutionManager.getAccessStatus(),
        tasks: (await BackgroundTaskRegistration.allTasks()).size,
        groups: (await BackgroundTaskRegistration.allTaskGroups()).size,
      };
    }
    // The test app exposes @bgkit/client/register's unregisterServiceWorker (e2e/app/src/main.ts).
    const answered = await (window as unknown as { unregisterServiceWorker(): Promise<boolean> }).unregisterServiceWorker();
    return { before, answered, run: await completed, registration: (await navigator.serviceWorker.getRegistration()) ?? null };
  }, how);
}
