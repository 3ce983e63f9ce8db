// The Background Fetch trigger in real Chromium: a task run by a real background fetch of the test server's
// files (the page sees the browser's own progress, the run lists the records and can read their bodies
// during its event), a 404 → a backgroundfetchfail run, an abort() → a backgroundfetchabort run, and the
// driver's simulated event through the same listener. Chromium's behaviour, seen in a probe (Chromium 156,
// headless) and pinned by the tests below: success with result 'success'; a 404 → fail, failureReason
// 'bad-status', the record's status 404; abort() → failureReason 'aborted', the record's responseReady rejects
// (AbortError in the probe; the test sees only the rejection).
import type { Page } from '@playwright/test';
import { BgkitDriver } from '@bgkit/devtools/playwright';
import type * as BackgroundFetchEntry from '@bgkit/client/background-fetch';
import { expect, test } from '../fixtures';

declare global {
  interface Window {
    /** The test app's `@bgkit/client/background-fetch` (e2e/app/src/main.ts). */
    bgkitBackgroundFetch: typeof BackgroundFetchEntry;
  }
}

/** Registers a `fetch.collect` task with a BackgroundFetchTrigger; resolves with its id. */
function registerFetchTask(page: Page, name: string) {
  return page.evaluate(async (name) => {
    const builder = new window.bgkit.BackgroundTaskBuilder();
    builder.name = name;
    builder.taskEntryPoint = 'fetch.collect';
    builder.setTrigger(new window.bgkitBackgroundFetch.BackgroundFetchTrigger());
    return (await builder.register()).taskId;
  }, name);
}

/**
 * Starts a background fetch of `urls` through the task's trigger (rebuilt from the registry, as any page
 * would find it), then waits for the run it starts. `abortAfterMs`: abort() the fetch that long after.
 */
function fetchAndRun(page: Page, name: string, urls: string[], { abortAfterMs, downloadTotal }: { abortAfterMs?: number; downloadTotal?: number } = {}) {
  return page.evaluate(
    async ({ name, urls, abortAfterMs, downloadTotal }) => {
      const task = [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).values()].find((t) => t.name === name)!;
      const trigger = task.trigger as InstanceType<typeof window.bgkitBackgroundFetch.BackgroundFetchTrigger>;
      const completed = new Promise<import('@bgkit/client').BackgroundTaskRun>((resolve) => task.addEventListener('completed', (e) => resolve(e.run), { once: true }));
      const progress: { downloaded: number; downloadTotal: number; result: string }[] = [];
      const fetch = await trigger.fetch(urls, { title: name, ...(downloadTotal ? { downloadTotal } : {}) });
      fetch.addEventListener('progress', () => progress.push({ downloaded: fetch.downloaded, downloadTotal: fetch.downloadTotal, result: fetch.result }));
      let aborted: boolean | undefined;
      if (abortAfterMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, abortAfterMs));
        aborted = await fetch.abort();
      }
      const run = await completed;
      return { id: fetch.id, isTrigger: trigger instanceof window.bgkitBackgroundFetch.BackgroundFetchTrigger, progress, aborted, run: { status: run.status, source: run.source, triggerDetails: run.triggerDetails, result: run.result } };
    },
    { name, urls, abortAfterMs, downloadTotal },
  );
}

test('a real background fetch runs its task: the page sees the browser progress, the run lists the records and reads their bodies', async ({ app }) => {
  const taskId = await registerFetchTask(app, 'Prefetch');
  const origin = new URL(app.url()).origin;
  const { id, isTrigger, progress, run } = await fetchAndRun(app, 'Prefetch', ['/bgf/a.bin', '/bgf/b.bin'], { downloadTotal: 200_000 });
  expect(isTrigger).toBe(true);
  expect(id).toMatch(new RegExp(`^bgkit-fetch:${taskId}:`));
  // The browser's own progress, up to the whole download and its success.
  expect(progress.length).toBeGreaterThan(0);
  expect(progress.at(-1)).toEqual({ downloaded: 200_000, downloadTotal: 200_000, result: 'success' });
  expect(run.status).toBe('completed');
  expect(run.source).toBe('backgroundfetchsuccess');
  // Chromium lists the records in no fixed order (seen: b before a in one run of three): compare them sorted.
  const details = run.triggerDetails as { records: { url: string }[] };
  details.records.sort((a, b) => a.url.localeCompare(b.url));
  expect(details).toEqual({
    id,
    event: 'success',
    result: 'success',
    failureReason: '',
    downloaded: 200_000,
    downloadTotal: 200_000,
    uploaded: 0,
    uploadTotal: 0,
    records: [
      { url: `${origin}/bgf/a.bin`, method: 'GET', status: 200 },
      { url: `${origin}/bgf/b.bin`, method: 'GET', status: 200 },
    ],
  });
  // During its event the task had the live records (and updateUI): the bodies' sizes.
  expect(run.result).toEqual({ live: true, canUpdateUI: true, event: 'success', bodies: { [`${origin}/bgf/a.bin`]: 150_000, [`${origin}/bgf/b.bin`]: 50_000 } });
});

test('a fetch answered 404 runs the task from backgroundfetchfail (bad-status)', async ({ app }) => {
  await registerFetchTask(app, 'Missing');
  const origin = new URL(app.url()).origin;
  const { run } = await fetchAndRun(app, 'Missing', ['/bgf/missing.bin']);
  expect(run.source).toBe('backgroundfetchfail');
  expect(run.triggerDetails).toMatchObject({ event: 'fail', result: 'failure', failureReason: 'bad-status', records: [{ url: `${origin}/bgf/missing.bin`, status: 404 }] });
  expect(run.result).toMatchObject({ live: true, canUpdateUI: true, event: 'fail' });
});

test('an aborted fetch runs the task from backgroundfetchabort, its unanswered record without a status', async ({ app }) => {
  await registerFetchTask(app, 'Aborted');
  const origin = new URL(app.url()).origin;
  const { aborted, run } = await fetchAndRun(app, 'Aborted', ['/bgf/slow.bin'], { abortAfterMs: 300 });
  expect(aborted).toBe(true);
  expect(run.source).toBe('backgroundfetchabort');
  expect(run.triggerDetails).toMatchObject({ event: 'abort', result: 'failure', failureReason: 'aborted', records: [{ url: `${origin}/bgf/slow.bin`, status: null }] });
  // abort has no updateUI (BackgroundFetchEvent, not BackgroundFetchUpdateUIEvent).
  expect(run.result).toEqual({ live: true, canUpdateUI: false, event: 'abort', bodies: { [`${origin}/bgf/slow.bin`]: null } });
});

test('the driver simulates a backgroundfetch event through the same listener; a bad one is refused with its code', async ({ app }) => {
  const taskId = await registerFetchTask(app, 'Simulated');
  const driver = await BgkitDriver.attach(app);
  try {
    expect(await driver.fireBackgroundFetch('Simulated', 'click', { records: [{ url: 'https://example.test/x', status: 200 }] })).toEqual({ via: 'simulated', taskId });
    const run = await driver.waitForRun('Simulated');
    expect(run.source).toBe('simulated');
    expect(run.triggerDetails).toMatchObject({ event: 'click', result: '', failureReason: '', records: [{ url: 'https://example.test/x', status: null }] });
    await expect(driver.fireBackgroundFetch('Simulated', 'fail', { records: [{ url: '', status: 404 }] })).rejects.toMatchObject({ code: 'invalid-argument' });
  } finally {
    await driver.detach();
  }
});

test('requests the browser refuses get invalid-argument, with the browser\'s TypeError as the cause, and no run', async ({ app }) => {
  await registerFetchTask(app, 'Refused fetch');
  const outcome = await app.evaluate(async () => {
    const task = [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).values()].find((t) => t.name === 'Refused fetch')!;
    const trigger = task.trigger as InstanceType<typeof window.bgkitBackgroundFetch.BackgroundFetchTrigger>;
    const error = await trigger.fetch([]).then(() => null, (e: { name: string; code?: string; cause?: { name?: string } }) => ({ name: e.name, code: e.code, cause: e.cause?.name }));
    return { error, runs: (await task.runs()).length };
  });
  expect(outcome).toEqual({ error: { name: 'BgkitError', code: 'invalid-argument', cause: 'TypeError' }, runs: 0 });
});
