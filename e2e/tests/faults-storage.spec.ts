// Fault suite, storage: a 3 MB quota set through CDP before the app first uses IndexedDB, results and
// arguments larger than it, and a store filled to the brim from the page. Every failure is a BgkitError
// (storage-full); the page is never told a state the store does not hold; read-only calls keep working.
import { expect, test, type Page } from '@playwright/test';
import { ServiceWorkerCdp } from '@bgkit/devtools/playwright';
import { openApp, runsOf } from '../support/page';
import { fillStorage, freeStorage, heard, listen, reportFigures, smallQuota, READY_MS } from '../support/faults';

const QUOTA = 3_000_000;

async function openWithSmallQuota(page: Page, baseURL: string | undefined) {
  // The override is set while the page is still blank: before the origin's first IndexedDB use.
  const session = await smallQuota(page, new URL(baseURL!).origin, QUOTA);
  await openApp(page, '/', READY_MS);
  return session;
}

/** Requests a run of the task through the public API; resolves with the answer or the error's code and name. */
function request(page: Page, taskId: string, args: Record<string, unknown>) {
  return page.evaluate(
    async ({ taskId, args }) => {
      const registration = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!;
      try {
        return { value: await (registration.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request(args) };
      } catch (e) {
        const error = e as { name: string; code?: string; details?: unknown };
        return { error: { name: error.name, code: error.code, bgkit: e instanceof window.bgkit.BgkitError, details: error.details } };
      }
    },
    { taskId, args },
  );
}

/** Requests a run with an argument of `bytes` random bytes (incompressible). */
async function withBig(page: Page, taskId: string, bytes: number) {
  return page.evaluate(
    async ({ taskId, bytes }) => {
      const blob = new Uint8Array(bytes);
      for (let i = 0; i < bytes; i += 65_536) crypto.getRandomValues(blob.subarray(i, i + 65_536));
      const registration = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!;
      try {
        return { value: await (registration.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ blob }) };
      } catch (e) {
        const error = e as { name: string; code?: string; details?: unknown };
        return { error: { name: error.name, code: error.code, bgkit: e instanceof window.bgkit.BgkitError, details: error.details } };
      }
    },
    { taskId, bytes },
  );
}
test('a result larger than the quota fails its run with storage-full: the page hears `failed`, checkResult() throws the code, the history agrees', async ({ page, baseURL }) => {
  const session = await openWithSmallQuota(page, baseURL);
  const taskId = await listen(page, 'Faults big', 'faults.big', 'application');
  const outcome = await page.evaluate(async (taskId) => {
    const registration = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!;
    const done = new Promise<{ status: string; code?: string }>((resolve) =>
      registration.addEventListener('completed', (e) => {
        try {
          e.checkResult();
          resolve({ status: e.status });
        } catch (error) {
          resolve({ status: e.status, code: (error as { code?: string }).code });
        }
      }),
    );
    await (registration.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ bytes: 5_000_000 });
    return done;
  }, taskId);
  expect(outcome).toEqual({ status: 'failed', code: 'storage-full' });
  const runs = await runsOf(page, taskId);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ status: 'failed', error: { name: 'BgkitError', code: 'storage-full', details: { name: 'QuotaExceededError' } } });
  expect(runs[0]!.result).toBeUndefined();
  // A small result still fits afterwards: the store was not left broken.
  const small = await page.evaluate(async (taskId) => {
    const registration = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!;
    const done = new Promise<unknown>((resolve) => registration.addEventListener('completed', (e) => resolve(e.checkResult())));
    await (registration.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ bytes: 64 });
    return done;
  }, taskId);
  expect(Object.keys(small as object)).toHaveLength(64);
  expect((await heard(page)).raw).toHaveLength(2);
  await session.detach();
});

test('request() with arguments larger than the quota, and register()/request() in a full store, reject with BgkitError storage-full; read-only calls keep working', async ({ page, baseURL }) => {
  const session = await openWithSmallQuota(page, baseURL);
  const taskId = await listen(page, 'Faults work', 'faults.work', 'application');
  const big = await withBig(page, taskId, 5_000_000);
  expect(big).toEqual({ error: { name: 'BgkitError', code: 'storage-full', bgkit: true, details: { name: 'QuotaExceededError' } } });
  expect(await runsOf(page, taskId)).toHaveLength(0);

  const filled = await fillStorage(page);
  const inFullStore = await page.evaluate(async (taskId) => {
    const k = window.bgkit;
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: { code?: string; name: string }) => (e instanceof k.BgkitError ? e.code : `not a BgkitError: ${e.name}`),
      );
    const builder = new k.BackgroundTaskBuilder();
    builder.name = 'Faults new in a full store';
    builder.taskEntryPoint = 'faults.work';
    builder.setTrigger(new k.ApplicationTrigger());
    const registration = (await k.BackgroundTaskRegistration.allTasks()).get(taskId)!;
    return {
      register: await code(builder.register()),
      request: await code((registration.trigger as InstanceType<typeof k.ApplicationTrigger>).request({ i: 1 })),
      allTasks: (await k.BackgroundTaskRegistration.allTasks()).size > 0,
      runs: Array.isArray(await k.BackgroundExecutionManager.runs()),
      access: typeof (await k.BackgroundExecutionManager.getAccessStatus()),
    };
  }, taskId);
  expect(inFullStore).toEqual({ register: 'storage-full', request: 'storage-full', allTasks: true, runs: true, access: 'string' });

  await freeStorage(page);
  expect(await request(page, taskId, { i: 2 })).toEqual({ value: 'allowed' });
  await expect.poll(async () => (await runsOf(page, taskId)).map((r) => r.status)).toEqual(['completed']);
  reportFigures('storage-refusals', { quota: QUOTA, filledBytes: filled, codedRefusals: 3 });
  await session.detach();
});

test('a store that fills up during a run: after a restart read-only calls answer at once; once space is back the run is settled and announced once', async ({ page, baseURL }) => {
  const session = await openWithSmallQuota(page, baseURL);
  const cdp = await ServiceWorkerCdp.attach(page);
  const taskId = await listen(page, 'Faults work', 'faults.work', 'application');
  expect(await request(page, taskId, { i: 1, ms: 30_000 })).toEqual({ value: 'allowed' });
  await expect.poll(async () => (await runsOf(page, taskId)).map((r) => r.status)).toEqual(['running']);
  await fillStorage(page);
  await cdp.stopWorker();
  // The next worker cannot store its settling of the killed run: calls are answered all the same.
  const reads = await page.evaluate(async () => {
    const k = window.bgkit;
    const started = performance.now();
    const outcome = await Promise.all([
      k.BackgroundTaskRegistration.allTasks().then((tasks) => tasks.size > 0),
      k.BackgroundExecutionManager.runs().then((runs) => runs.map((r) => r.status)),
      k.BackgroundExecutionManager.getAccessStatus().then((status) => typeof status),
    ]).catch((e: { name: string; code?: string }) => `${e.name} ${e.code ?? ''}`);
    return { outcome, took: performance.now() - started };
  });
  expect(reads.outcome).toEqual([true, ['running'], 'string']);
  // Pages are told nothing the store does not hold: the run is still `running` there.
  expect((await heard(page)).raw).toEqual([]);
  await freeStorage(page);
  // The settling is tried again by the first call after a second.
  await page.waitForTimeout(1200);
  await page.evaluate(() => window.bgkit.BackgroundTaskRegistration.allTasks());
  await expect.poll(async () => (await heard(page)).events.map((e) => e.status)).toEqual(['canceled']);
  expect(await runsOf(page, taskId)).toMatchObject([{ status: 'canceled', cancelReason: 'terminating' }]);
  await page.waitForTimeout(300);
  expect((await heard(page)).raw).toHaveLength(1);
  reportFigures('full-store-restart', { readOnlyCallsAnsweredInMs: Math.round(reads.took), completedEventsForTheRun: 1 });
  await cdp.detach();
  await session.detach();
});

test('a run that ends while the store is full: pages hear nothing until its end is stored, then exactly that end, once', async ({ page, baseURL }) => {
  const session = await openWithSmallQuota(page, baseURL);
  const taskId = await listen(page, 'Faults work', 'faults.work', 'application');
  const requested = Date.now();
  expect(await request(page, taskId, { i: 1, ms: 4000 })).toEqual({ value: 'allowed' });
  await fillStorage(page);
  expect(Date.now() - requested, 'the store filled before the run ended').toBeLessThan(4000);
  // The run ends; its outcome cannot be stored, and the worker keeps trying (0.5, 1, 2, 4 s, ...).
  await page.waitForTimeout(requested + 5500 - Date.now());
  expect((await heard(page)).raw).toEqual([]);
  expect((await runsOf(page, taskId)).map((r) => r.status)).toEqual(['running']);
  await freeStorage(page);
  await expect.poll(async () => (await heard(page)).events.map((e) => e.status), { timeout: 15_000 }).toEqual(['failed']);
  const [run] = await runsOf(page, taskId);
  expect(run).toMatchObject({ status: 'failed', error: { name: 'BgkitError', code: 'storage-full' } });
  await page.waitForTimeout(300);
  expect((await heard(page)).raw).toHaveLength(1);
  await session.detach();
});
