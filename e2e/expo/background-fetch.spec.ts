// expo-background-fetch on bgkit, through its own example (e2e/expo-app/src/fetch-task.ts): the task is defined
// at module top level, registered from the page and run in the service worker.
import { expect, test } from '@bgkit/devtools/playwright/test';
import { makeOverdue } from '../fixtures';
import { allTasks, newsFeed, openApp, outcome, registeredTasks, runsOf, taskIdOf } from './support';

const REGISTRATION = 'expo:backgroundFetch:news-fetch';

test.beforeEach(async ({ page }) => {
  await newsFeed(page, { items: ['a headline'] });
  await openApp(page);
});

test("the seed example: getStatusAsync, registerTaskAsync, setMinimumIntervalAsync, and a run's NewData", async ({ page, bgkit }) => {
  // getStatusAsync(): Available, with Expo's value and through the alias of the seed (BackgroundFetch.Status).
  expect(await page.evaluate(() => window.expo.BackgroundFetch.getStatusAsync())).toBe(3);
  expect(await page.evaluate(() => window.expo.BackgroundFetch.Status.Available)).toBe(3);

  expect(await page.evaluate(() => window.app.startNewsFetch())).toBe(3);
  expect(await registeredTasks(page)).toEqual([{ taskName: 'news-fetch', taskType: 'backgroundFetch', options: { minimumInterval: 900 } }]);
  expect(await allTasks(page)).toEqual([
    expect.objectContaining({ name: REGISTRATION, taskEntryPoint: 'expo:news-fetch', trigger: { type: 'time', freshnessTime: 15 } }),
  ]);

  // setMinimumIntervalAsync(seconds) re-registers the fetch tasks with the new interval.
  await page.evaluate(() => window.app.setNewsInterval(60 * 60));
  expect(await registeredTasks(page)).toEqual([{ taskName: 'news-fetch', taskType: 'backgroundFetch', options: { minimumInterval: 3600 } }]);
  expect((await allTasks(page)).map((t) => t.trigger)).toEqual([{ type: 'time', freshnessTime: 60 }]);

  // A real periodicsync (CDP) runs the synchronous executor in the worker; its BackgroundFetchResult is the run's result.
  expect(await bgkit.dispatchPeriodicSync(await bgkit.periodicSyncTag(REGISTRATION))).toEqual({ via: 'real' });
  expect(await bgkit.waitForRun(REGISTRATION)).toMatchObject({ status: 'completed', source: 'periodicsync', entryPoint: 'expo:news-fetch', result: 2 });
});

test("the same task written async, downloading its news: each BackgroundFetchResult is the run's result", async ({ page, bgkit }) => {
  const registration = 'expo:backgroundFetch:news-feed';
  await page.evaluate(() => window.expo.BackgroundFetch.registerTaskAsync('news-feed'));
  await bgkit.dispatchPeriodicSync(await bgkit.periodicSyncTag(registration));
  expect(await bgkit.waitForRun(registration)).toMatchObject({ status: 'completed', source: 'periodicsync', entryPoint: 'expo:news-feed', result: 2 });

  // The executor's other answers, by catch-up (a second periodicsync within half a period is refused as a
  // repeat): no news is NoData, a failing feed is Failed (the run still completes, as in Expo).
  const taskId = await taskIdOf(page, registration);
  for (const [feed, result] of [[{ items: [] }, 1], [{ status: 503 }, 3]] as const) {
    await newsFeed(page, feed);
    await makeOverdue(page, taskId);
    await bgkit.stopServiceWorker();
    await expect.poll(async () => (await runsOf(page, taskId)).filter((r) => r.status === 'completed').map((r) => r.result)[0]).toBe(result);
  }
  expect((await runsOf(page, taskId)).map((r) => [r.source, r.result])).toEqual([['catch-up', 3], ['catch-up', 1], ['periodicsync', 2]]);
});

test('minimumInterval is in seconds, rounded up to whole minutes and to the 15-minute floor, and the rounding shows', async ({ page }) => {
  await page.evaluate(() => window.app.startNewsFetch(60));
  expect(await registeredTasks(page)).toEqual([
    { taskName: 'news-fetch', taskType: 'backgroundFetch', options: { minimumInterval: 900, stopOnTerminate: false, startOnBoot: true } },
  ]);
  expect((await allTasks(page)).map((t) => t.trigger.freshnessTime)).toEqual([15]);

  // Registering again replaces the interval; 1000 s is 16.7 minutes, so 17.
  await page.evaluate(() => window.app.startNewsFetch(1000));
  expect(await page.evaluate(() => window.expo.TaskManager.getTaskOptionsAsync('news-fetch'))).toEqual({ minimumInterval: 1020, stopOnTerminate: false, startOnBoot: true });
  expect((await allTasks(page)).map((t) => t.trigger.freshnessTime)).toEqual([17]);

  // setMinimumIntervalAsync() keeps the other options, and sets the default of later registrations.
  await page.evaluate(() => window.app.setNewsInterval(30 * 60));
  expect(await page.evaluate(() => window.expo.TaskManager.getTaskOptionsAsync('news-fetch'))).toEqual({ minimumInterval: 1800, stopOnTerminate: false, startOnBoot: true });
  await page.evaluate(() => window.app.stopNewsFetch());
  await page.evaluate(() => window.app.startNewsFetch());
  expect(await registeredTasks(page)).toEqual([{ taskName: 'news-fetch', taskType: 'backgroundFetch', options: { minimumInterval: 1800 } }]);
});

test('an overdue fetch task runs by catch-up when the worker next wakes', async ({ page, bgkit }) => {
  await page.evaluate(() => window.app.startNewsFetch());
  const taskId = await taskIdOf(page, REGISTRATION);
  await makeOverdue(page, taskId);
  await bgkit.stopServiceWorker();
  // The next page call starts a fresh worker, which defines the Expo tasks again and catches up.
  await expect.poll(async () => (await runsOf(page, taskId)).map((r) => [r.source, r.status, r.result])).toEqual([['catch-up', 'completed', 2]]);
});

test('registrations persist across a reload and a killed worker, and still run', async ({ page, bgkit }) => {
  await page.evaluate(() => window.app.startNewsFetch(45 * 60));
  await page.reload();
  await openApp(page);
  expect(await registeredTasks(page)).toEqual([
    { taskName: 'news-fetch', taskType: 'backgroundFetch', options: { minimumInterval: 2700, stopOnTerminate: false, startOnBoot: true } },
  ]);
  await bgkit.stopServiceWorker();
  await bgkit.dispatchPeriodicSync(await bgkit.periodicSyncTag(REGISTRATION));
  expect(await bgkit.waitForRun(REGISTRATION)).toMatchObject({ status: 'completed', source: 'periodicsync', result: 2 });
  expect(await page.evaluate(() => window.expo.TaskManager.isTaskRegisteredAsync('news-fetch'))).toBe(true);
});

test('unregisterTaskAsync removes the registration; a second time it rejects with not-registered', async ({ page }) => {
  await page.evaluate(() => window.app.startNewsFetch());
  await page.evaluate(() => window.app.stopNewsFetch());
  expect(await registeredTasks(page)).toEqual([]);
  expect(await allTasks(page)).toEqual([]);
  expect(await page.evaluate(() => window.expo.TaskManager.isTaskRegisteredAsync('news-fetch'))).toBe(false);
  expect(await outcome(page, () => window.app.stopNewsFetch(), null)).toMatchObject({ ok: false, name: 'BgkitError', code: 'not-registered' });
});

test('bad input to expo-background-fetch gets a BgkitError with a code, and changes nothing', async ({ page }) => {
  await page.evaluate(() => window.app.startNewsFetch());
  const before = await registeredTasks(page);
  const calls = {
    emptyName: () => window.expo.BackgroundFetch.registerTaskAsync(''),
    nonStringName: () => window.expo.BackgroundFetch.registerTaskAsync(42 as unknown as string),
    notDefined: () => window.expo.BackgroundFetch.registerTaskAsync('nope'),
    negativeInterval: () => window.expo.BackgroundFetch.registerTaskAsync('news-fetch', { minimumInterval: -5 }),
    textInterval: () => window.expo.BackgroundFetch.registerTaskAsync('news-fetch', { minimumInterval: '60' as unknown as number }),
    badFlag: () => window.expo.BackgroundFetch.registerTaskAsync('news-fetch', { stopOnTerminate: 'yes' as unknown as boolean }),
    nullOptions: () => window.expo.BackgroundFetch.registerTaskAsync('news-fetch', null as unknown as object),
    zeroSetInterval: () => window.expo.BackgroundFetch.setMinimumIntervalAsync(0),
    missingSetInterval: () => (window.expo.BackgroundFetch.setMinimumIntervalAsync as () => Promise<void>)(),
    infiniteSetInterval: () => window.expo.BackgroundFetch.setMinimumIntervalAsync(Infinity),
    unregisterEmpty: () => window.expo.BackgroundFetch.unregisterTaskAsync(''),
  };
  const codes: Record<string, string | undefined> = {};
  for (const [name, call] of Object.entries(calls)) {
    const result = await outcome(page, call, null);
    expect(result.ok, name).toBe(false);
    if (!result.ok) {
      expect(result.name, name).toBe('BgkitError');
      codes[name] = result.code;
    }
  }
  expect(codes).toEqual({
    emptyName: 'invalid-name',
    nonStringName: 'invalid-name',
    notDefined: 'entry-point-not-defined',
    negativeInterval: 'invalid-argument',
    textInterval: 'invalid-argument',
    badFlag: 'invalid-argument',
    nullOptions: 'invalid-argument',
    zeroSetInterval: 'invalid-argument',
    missingSetInterval: 'invalid-argument',
    infiniteSetInterval: 'invalid-argument',
    unregisterEmpty: 'invalid-name',
  });
  expect(await outcome(page, () => window.expo.BackgroundFetch.registerTaskAsync('nope'), null)).toMatchObject({
    message: "Task 'nope' is not defined. You must define a task using TaskManager.defineTask before registering.",
  });
  expect(await registeredTasks(page)).toEqual(before);
});
