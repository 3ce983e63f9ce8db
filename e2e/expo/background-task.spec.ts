// expo-background-task on bgkit, through its own example (e2e/expo-app/src/background-task.ts, imports
// unchanged: the web build aliases them) and the example's screen.
import { expect, test } from '@bgkit/devtools/playwright/test';
import { ServiceWorkerCdp } from '@bgkit/devtools/playwright';
import { makeOverdue } from '../fixtures';
import { periodicSyncTag } from '@bgkit/sw/protocol';
import { bgkitDatabase, readStore } from '../support/page';
import { allTasks, openApp, outcome, registeredTasks, runsOf, runsOfEntryPoint, taskIdOf } from './support';

const REGISTRATION = 'expo:backgroundTask:background-task';

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test("the example's screen: status, register, a run by periodicsync, triggerTaskWorkerForTestingAsync, unregister", async ({ page, bgkit }) => {
  await expect(page.locator('#status')).toHaveText('Available');
  await expect(page.locator('#registered')).toHaveText('not registered');

  await page.getByRole('button', { name: 'Schedule Background Task' }).click();
  await expect(page.locator('#registered')).toHaveText('registered');
  // Expo's default interval, 12 hours, on a bgkit TimeTrigger.
  expect(await registeredTasks(page)).toEqual([{ taskName: 'background-task', taskType: 'backgroundTask', options: { minimumInterval: 720 } }]);
  expect(await allTasks(page)).toEqual([
    expect.objectContaining({ name: REGISTRATION, taskEntryPoint: 'expo:background-task', trigger: { type: 'time', freshnessTime: 720 } }),
  ]);

  await bgkit.dispatchPeriodicSync(await bgkit.periodicSyncTag(REGISTRATION));
  expect(await bgkit.waitForRun(REGISTRATION)).toMatchObject({ status: 'completed', source: 'periodicsync', result: 1 }); // Success

  // "Test Background Task": runs the task in the worker now, and resolves once it has run.
  await page.getByRole('button', { name: 'Test Background Task' }).click();
  await expect(page.locator('#triggered')).toHaveText('triggered');
  const runs = await runsOfEntryPoint(page, 'expo:background-task');
  expect(runs.map((r) => [r.source, r.status, r.result])).toEqual([['application', 'completed', 1], ['periodicsync', 'completed', 1]]);
  // Its companion registration is gone again: only the task itself is listed.
  expect((await allTasks(page)).map((t) => t.name)).toEqual([REGISTRATION]);

  await page.getByRole('button', { name: 'Cancel Background Task' }).click();
  await expect(page.locator('#registered')).toHaveText('not registered');
  expect(await registeredTasks(page)).toEqual([]);
  expect(await allTasks(page)).toEqual([]);
  // As in Expo, unregistering a task that is not registered does nothing.
  expect(await outcome(page, () => window.app.unregisterBackgroundTaskAsync(), null)).toEqual({ ok: true });
});

test('the executor receives { data: {}, error: null, executionInfo } with the run as eventId and the app state', async ({ page }) => {
  await page.evaluate(() => window.expo.BackgroundTask.registerTaskAsync('probe', { minimumInterval: 30 }));
  expect(await page.evaluate(() => window.expo.BackgroundTask.triggerTaskWorkerForTestingAsync())).toBe(true);
  const [run] = await runsOfEntryPoint(page, 'expo:probe');
  expect(run).toMatchObject({ status: 'completed' });
  expect(run!.result).toEqual({ data: {}, error: null, executionInfo: { eventId: run!.instanceId, taskName: 'probe', appState: 'active' } });
});

test("with no window of the app open, the executor's appState is 'background'", async ({ page, context }) => {
  await page.evaluate(() => window.expo.BackgroundTask.registerTaskAsync('probe', { minimumInterval: 30 }));
  const taskId = await taskIdOf(page, 'expo:backgroundTask:probe');
  const origin = new URL(page.url()).origin;
  // A blank page holds the CDP connection, so the app's only window can close.
  const blank = await context.newPage();
  const cdp = await ServiceWorkerCdp.on(await context.newCDPSession(blank), origin);
  await page.close();
  await cdp.dispatchPeriodicSync(periodicSyncTag(taskId));
  const worker = context.serviceWorkers()[0]!;
  await expect
    .poll(async () => (await readStore<{ taskId: string; status: string; result?: { executionInfo: { appState: string } } }>(worker, bgkitDatabase(origin), 'runs')).filter((r) => r.taskId === taskId && r.status === 'completed').map((r) => r.result!.executionInfo.appState))
    .toEqual(['background']);
});

test("an executor's error fails its run, with the error's name and message; the other tasks still run", async ({ page }) => {
  await page.evaluate(async () => {
    await window.expo.BackgroundTask.registerTaskAsync('explode');
    await window.expo.BackgroundTask.registerTaskAsync('probe');
  });
  expect(await page.evaluate(() => window.expo.BackgroundTask.triggerTaskWorkerForTestingAsync())).toBe(true);
  const [failed] = await runsOfEntryPoint(page, 'expo:explode');
  expect(failed).toMatchObject({ status: 'failed', error: { name: 'SyncError', message: 'the server answered 503' } });
  expect((await runsOfEntryPoint(page, 'expo:probe')).map((r) => r.status)).toEqual(['completed']);
});

test('with background access denied, triggerTaskWorkerForTestingAsync runs nothing and resolves false, as Expo does when it cannot trigger', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.evaluate(() => window.app.registerBackgroundTaskAsync());
  // A push task makes requestAccess() ask for notifications, which headless Chromium refuses: the worker stores
  // deniedByUser, and keeps it after the push task is gone.
  const access = await page.evaluate(async () => {
    const { BackgroundExecutionManager, BackgroundTaskBuilder, PushNotificationTrigger } = window.bgkit;
    const builder = new BackgroundTaskBuilder();
    builder.name = 'needs push';
    builder.taskEntryPoint = 'expo:probe';
    builder.setTrigger(new PushNotificationTrigger());
    const registration = await builder.register();
    const status = await BackgroundExecutionManager.requestAccess();
    await registration.unregister(false);
    return status;
  });
  expect(access).toBe('deniedByUser');

  expect(await outcome(page, () => window.expo.BackgroundTask.triggerTaskWorkerForTestingAsync(), null)).toEqual({ ok: true, value: false });
  expect(await runsOfEntryPoint(page, 'expo:background-task')).toEqual([]);
  expect(warnings).toContain("triggerTaskWorkerForTestingAsync(): 'background-task' did not run (disabledByPolicy: background access was denied).");
  // The companion registration is gone; the task itself stays registered.
  expect((await allTasks(page)).map((t) => t.name)).toEqual([REGISTRATION]);
});

test('an overdue background task runs by catch-up, also after the worker was killed', async ({ page, bgkit }) => {
  await page.evaluate(() => window.app.registerBackgroundTaskAsync());
  const taskId = await taskIdOf(page, REGISTRATION);
  await page.reload();
  await openApp(page);
  expect(await page.evaluate(() => window.expo.TaskManager.isTaskRegisteredAsync('background-task'))).toBe(true);
  await makeOverdue(page, taskId);
  await bgkit.stopServiceWorker();
  await expect.poll(async () => (await runsOf(page, taskId)).map((r) => [r.source, r.status, r.result])).toEqual([['catch-up', 'completed', 1]]);
});

test('registerTaskAsync leaves a registered task as it is (as Expo), and its interval is in minutes with a 15-minute floor', async ({ page }) => {
  await page.evaluate(() => window.expo.BackgroundTask.registerTaskAsync('probe', { minimumInterval: 1 }));
  expect(await page.evaluate(() => window.expo.TaskManager.getTaskOptionsAsync('probe'))).toEqual({ minimumInterval: 15 });
  await page.evaluate(() => window.expo.BackgroundTask.registerTaskAsync('probe', { minimumInterval: 90 }));
  expect(await page.evaluate(() => window.expo.TaskManager.getTaskOptionsAsync('probe'))).toEqual({ minimumInterval: 15 });
  await page.evaluate(async () => {
    await window.expo.BackgroundTask.unregisterTaskAsync('probe');
    await window.expo.BackgroundTask.registerTaskAsync('probe', { minimumInterval: 90.5 });
  });
  expect(await registeredTasks(page)).toEqual([{ taskName: 'probe', taskType: 'backgroundTask', options: { minimumInterval: 91 } }]);
  expect((await allTasks(page)).map((t) => t.trigger.freshnessTime)).toEqual([91]);
});

test('a task defined in the page but not in the worker is refused with entry-point-not-defined, and nothing is registered', async ({ page }) => {
  expect(await page.evaluate(() => window.expo.TaskManager.isTaskDefined('page-only'))).toBe(true);
  const result = await outcome(page, () => window.expo.BackgroundTask.registerTaskAsync('page-only'), null);
  expect(result).toMatchObject({ ok: false, name: 'BgkitError', code: 'entry-point-not-defined' });
  expect(result.ok ? '' : result.message).toContain("Task 'page-only' is not defined");
  expect(result.ok ? '' : result.message).toContain('service worker');
  expect(await allTasks(page)).toEqual([]);
});

test('bad input to expo-background-task gets a BgkitError with a code', async ({ page }) => {
  const calls = {
    emptyName: () => window.expo.BackgroundTask.registerTaskAsync(''),
    notDefined: () => window.expo.BackgroundTask.registerTaskAsync('nope'),
    zeroInterval: () => window.expo.BackgroundTask.registerTaskAsync('probe', { minimumInterval: 0 }),
    nanInterval: () => window.expo.BackgroundTask.registerTaskAsync('probe', { minimumInterval: NaN }),
    arrayOptions: () => window.expo.BackgroundTask.registerTaskAsync('probe', [] as unknown as object),
    unregisterNull: () => window.expo.BackgroundTask.unregisterTaskAsync(null as unknown as string),
    listener: async () => window.expo.BackgroundTask.addExpirationListener('x' as unknown as () => void),
  };
  const codes: Record<string, string | undefined> = {};
  for (const [name, call] of Object.entries(calls)) {
    const result = await outcome(page, call, null);
    codes[name] = result.ok ? 'resolved' : `${result.name}:${result.code}`;
  }
  expect(codes).toEqual({
    emptyName: 'BgkitError:invalid-name',
    notDefined: 'BgkitError:entry-point-not-defined',
    zeroInterval: 'BgkitError:invalid-argument',
    nanInterval: 'BgkitError:invalid-argument',
    arrayOptions: 'BgkitError:invalid-argument',
    unregisterNull: 'BgkitError:invalid-name',
    listener: 'BgkitError:invalid-argument',
  });
  expect(await allTasks(page)).toEqual([]);
});
