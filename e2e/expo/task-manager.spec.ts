// expo-task-manager's calls on bgkit: what is defined, what is registered, and with which options.
import { expect, test } from '@bgkit/devtools/playwright/test';
import { allTasks, openApp, outcome, registeredTasks } from './support';

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test('isAvailableAsync and isTaskDefined: the tasks of the shared module are defined in the page', async ({ page }) => {
  expect(await page.evaluate(() => window.expo.TaskManager.isAvailableAsync())).toBe(true);
  expect(
    await page.evaluate(() => ['news-fetch', 'background-task', 'probe', 'explode', 'news-feed', 'page-only', 'nope'].map((n) => window.expo.TaskManager.isTaskDefined(n))),
  ).toEqual([true, true, true, true, true, true, false]);
});

test('getRegisteredTasksAsync lists both kinds with their options; the app\'s own bgkit tasks are not Expo tasks', async ({ page }) => {
  await page.evaluate(async () => {
    await window.expo.BackgroundTask.registerTaskAsync('probe', { minimumInterval: 20 });
    await window.expo.BackgroundFetch.registerTaskAsync('news-fetch', { minimumInterval: 1200, startOnBoot: true });
    // A bgkit task of the app itself, registered directly with @bgkit/client.
    const { BackgroundTaskBuilder, ApplicationTrigger } = window.bgkit;
    const builder = new BackgroundTaskBuilder();
    builder.name = 'own task';
    builder.taskEntryPoint = 'expo:probe';
    builder.setTrigger(new ApplicationTrigger());
    await builder.register();
  });
  expect(await registeredTasks(page)).toEqual([
    { taskName: 'probe', taskType: 'backgroundTask', options: { minimumInterval: 20 } },
    { taskName: 'news-fetch', taskType: 'backgroundFetch', options: { minimumInterval: 1200, startOnBoot: true } },
  ]);
  expect(await page.evaluate(() => window.expo.TaskManager.getTaskOptionsAsync('news-fetch'))).toEqual({ minimumInterval: 1200, startOnBoot: true });
  expect(await page.evaluate(() => window.expo.TaskManager.getTaskOptionsAsync('nope'))).toBeNull();
  expect(await page.evaluate(() => window.expo.TaskManager.isTaskRegisteredAsync('probe'))).toBe(true);
  expect(await page.evaluate(() => window.expo.TaskManager.isTaskRegisteredAsync('explode'))).toBe(false);

  await page.evaluate(() => window.expo.TaskManager.unregisterTaskAsync('probe'));
  expect((await registeredTasks(page)).map((t) => t.taskName)).toEqual(['news-fetch']);
  await page.evaluate(() => window.expo.TaskManager.unregisterAllTasksAsync());
  expect(await registeredTasks(page)).toEqual([]);
  expect((await allTasks(page)).map((t) => t.name)).toEqual(['own task']);
});

test('one registration per task name: a fetch registration of a background task replaces it', async ({ page }) => {
  await page.evaluate(async () => {
    await window.expo.BackgroundTask.registerTaskAsync('probe');
    await window.expo.BackgroundFetch.registerTaskAsync('probe', { minimumInterval: 900 });
  });
  expect(await registeredTasks(page)).toEqual([{ taskName: 'probe', taskType: 'backgroundFetch', options: { minimumInterval: 900 } }]);
  expect((await allTasks(page)).map((t) => t.name)).toEqual(['expo:backgroundFetch:probe']);
});

test("the reverse order: a background task registration leaves a fetch task of that name as it is (Expo's check sees either kind)", async ({ page }) => {
  await page.evaluate(async () => {
    await window.expo.BackgroundFetch.registerTaskAsync('probe', { minimumInterval: 900 });
    await window.expo.BackgroundTask.registerTaskAsync('probe', { minimumInterval: 60 });
  });
  expect(await registeredTasks(page)).toEqual([{ taskName: 'probe', taskType: 'backgroundFetch', options: { minimumInterval: 900 } }]);
  expect((await allTasks(page)).map((t) => t.name)).toEqual(['expo:backgroundFetch:probe']);
  // Unregistered first, the name moves to expo-background-task.
  await page.evaluate(async () => {
    await window.expo.BackgroundFetch.unregisterTaskAsync('probe');
    await window.expo.BackgroundTask.registerTaskAsync('probe', { minimumInterval: 60 });
  });
  expect(await registeredTasks(page)).toEqual([{ taskName: 'probe', taskType: 'backgroundTask', options: { minimumInterval: 60 } }]);
  expect((await allTasks(page)).map((t) => t.name)).toEqual(['expo:backgroundTask:probe']);
});

test('options survive a reload; without their stored copy, they are read from the registration', async ({ page }) => {
  await page.evaluate(() => window.expo.BackgroundFetch.registerTaskAsync('news-fetch', { minimumInterval: 1000, stopOnTerminate: false }));
  await page.reload();
  await openApp(page);
  expect(await page.evaluate(() => window.expo.TaskManager.getTaskOptionsAsync('news-fetch'))).toEqual({ minimumInterval: 1020, stopOnTerminate: false });
  // The options store cleared (site data cleared apart from bgkit's): the interval still comes from the trigger.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('bgkit-expo');
        open.onsuccess = () => {
          const tx = open.result.transaction('tasks', 'readwrite');
          tx.objectStore('tasks').clear();
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  expect(await registeredTasks(page)).toEqual([{ taskName: 'news-fetch', taskType: 'backgroundFetch', options: { minimumInterval: 1020 } }]);
});

test('bad input to expo-task-manager gets a BgkitError with a code', async ({ page }) => {
  const calls = {
    defineEmpty: async () => window.expo.TaskManager.defineTask('', async () => null),
    defineNumber: async () => window.expo.TaskManager.defineTask(7 as unknown as string, async () => null),
    defineNoExecutor: async () => window.expo.TaskManager.defineTask('x', 'run' as unknown as () => Promise<null>),
    isRegisteredEmpty: () => window.expo.TaskManager.isTaskRegisteredAsync(''),
    optionsUndefined: () => window.expo.TaskManager.getTaskOptionsAsync(undefined as unknown as string),
    unregisterEmpty: () => window.expo.TaskManager.unregisterTaskAsync(''),
    unregisterUnknown: () => window.expo.TaskManager.unregisterTaskAsync('nope'),
  };
  const codes: Record<string, string | undefined> = {};
  for (const [name, call] of Object.entries(calls)) {
    const result = await outcome(page, call, null);
    codes[name] = result.ok ? 'resolved' : `${result.name}:${result.code}`;
  }
  expect(codes).toEqual({
    defineEmpty: 'BgkitError:invalid-name',
    defineNumber: 'BgkitError:invalid-name',
    defineNoExecutor: 'BgkitError:invalid-argument',
    isRegisteredEmpty: 'BgkitError:invalid-name',
    optionsUndefined: 'BgkitError:invalid-name',
    unregisterEmpty: 'BgkitError:invalid-name',
    unregisterUnknown: 'BgkitError:not-registered',
  });
  expect(await page.evaluate(() => window.expo.TaskManager.isTaskDefined('x'))).toBe(false);
});

test.describe('where service workers do not exist', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
    });
  });

  test('the statuses say Restricted, and registerTaskAsync warns and does nothing, as Expo on the web', async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto('/');
    await page.waitForFunction(() => window.expo !== undefined);
    expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false);
    expect(
      await page.evaluate(async () => [
        await window.expo.TaskManager.isAvailableAsync(),
        await window.expo.BackgroundTask.getStatusAsync(),
        await window.expo.BackgroundFetch.getStatusAsync(),
      ]),
    ).toEqual([false, 1, 2]); // Restricted in both enums
    expect(await outcome(page, () => window.expo.BackgroundTask.registerTaskAsync('probe'), null)).toEqual({ ok: true });
    expect(warnings).toContain('Background tasks are not available in the current environment. Skipped registering task: probe.');
  });
});
