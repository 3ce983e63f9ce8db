// What the app's users and developers see: the devtools panel lists the Expo tasks and their results, the
// page's bundle carries none of the worker runtime (the shared task module only records names there), and the
// app's task code is Expo's example as written.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@bgkit/devtools/playwright/test';
import { openApp } from './support';

const REGISTRATION = 'expo:backgroundFetch:news-fetch';

test("the devtools panel shows an Expo task's registration and its BackgroundFetchResult", async ({ page, bgkit }) => {
  await openApp(page, '/?devtools');
  await page.evaluate(() => window.app.startNewsFetch());
  await bgkit.dispatchPeriodicSync(await bgkit.periodicSyncTag(REGISTRATION));
  await bgkit.waitForRun(REGISTRATION);
  const panel = page.locator('bgkit-devtools #bgkit-panel');
  await expect(panel.locator(`.task[data-name="${REGISTRATION}"] .trigger`)).toContainText('TimeTrigger');
  await expect(panel.locator(`.task[data-name="${REGISTRATION}"] .last`)).toHaveText(/^completed · 2/); // BackgroundFetchResult.NewData
  await expect(panel.locator(`.run[data-name="${REGISTRATION}"] .outcome`).first()).toHaveText('2');
});

test("the page's bundle has no worker runtime; the worker's has it and the app's tasks", () => {
  const dist = join(import.meta.dirname, '..', 'expo-app', 'dist');
  const page = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(dist, 'assets', f), 'utf8'))
    .join('\n');
  const worker = readFileSync(join(dist, 'sw.js'), 'utf8');
  // @bgkit/sw's defineTask() (its duplicate check's error code: the sentence is development-only) and its event listeners.
  const listeners = /addEventListener\([`'"](periodicsync|notificationclick)[`'"]/;
  expect(page.includes('duplicate-entry-point')).toBe(false);
  expect(listeners.test(page)).toBe(false);
  expect(worker.includes('duplicate-entry-point')).toBe(true);
  expect(listeners.test(worker)).toBe(true);
  // Both carry the task module: the worker to run it, the page to know its names.
  for (const code of [page, worker]) expect(code).toContain('news-fetch');
});

// expo-background-fetch's example as its documentation printed it (the seed): its executor is synchronous, and
// the fetch is left to the reader after `const receivedNewData =`.
const SEED_IMPORT = "import { BackgroundFetch, TaskManager } from 'expo';";
const SEED_EXAMPLE = `TaskManager.defineTask(YOUR_TASK_NAME, () => {
  try {
    const receivedNewData = // do your background fetch here
    return receivedNewData ? BackgroundFetch.Result.NewData : BackgroundFetch.Result.NoData;
  } catch (error) {
    return BackgroundFetch.Result.Failed;
  }
});`;

test("the app's copy of the seed example is the seed's code, its executor synchronous: only the import and the fetch differ", () => {
  const source = readFileSync(join(import.meta.dirname, '..', 'expo-app', 'src', 'fetch-task.ts'), 'utf8');
  expect(source).toContain(SEED_IMPORT.replace("'expo'", "'@bgkit/expo'"));
  // The app fills in the fetch with one expression, on the line that keeps the seed's comment.
  const unfilled = source.replace(/const receivedNewData = [^;\n]+; (\/\/ do your background fetch here)/, 'const receivedNewData = $1');
  expect(unfilled).toContain(SEED_EXAMPLE);
});
