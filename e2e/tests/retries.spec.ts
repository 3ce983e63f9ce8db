// Retries with backoff in real Chromium: a task that returns task.retry() runs again after its policy's delay
// (made to pass with the kit clock), as a stored pending run that survives a killed worker and a reload,
// waits for the task's conditions, and stops at the policy's limit. The logic is pinned by
// packages/sw/src/__tests__/retry.test.ts; this is the proof on the real worker, IndexedDB and events.
import type { Page } from '@playwright/test';
import { BgkitDriver } from '@bgkit/devtools/playwright';
import type { RetryPolicyInit, StoredRun } from '@bgkit/sw/protocol';
import { expect, registerTask, test } from '../fixtures';
import { kitClock, openApp, pendingOf, runsOf, settledRuns } from '../support/page';

const FLAKY = 'retry.flaky';

/** What the page heard of each finished run: its `completed` event's retry and what checkResult() threw. */
interface Heard {
  instanceId: string;
  status: string;
  retry: { attempt: number; maxAttempts: number; at: number; instanceId: string } | undefined;
  code: string | undefined;
  name: string | undefined;
  details: Record<string, unknown> | undefined;
  cause: string | undefined;
}

declare global {
  interface Window {
    heardRuns?: Heard[];
  }
}

/** Registers the flaky task with a policy and listens for its `completed` events in the page. */
async function flakyTask(page: Page, name: string, retryPolicy: RetryPolicyInit, conditions: ('internetAvailable')[] = []): Promise<string> {
  const { taskId } = await registerTask(page, { name, entryPoint: FLAKY, trigger: { type: 'application' }, retryPolicy, conditions });
  await listen(page, taskId);
  return taskId;
}

async function listen(page: Page, taskId: string): Promise<void> {
  await page.evaluate(async (taskId) => {
    window.heardRuns = [];
    const registration = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!;
    registration.addEventListener('completed', (event) => {
      let thrown: unknown;
      try {
        event.checkResult();
      } catch (error) {
        thrown = error;
      }
      const e = thrown as { code?: string; name?: string; details?: Record<string, unknown>; cause?: { message?: string } } | undefined;
      window.heardRuns!.push({ instanceId: event.instanceId, status: event.status, retry: event.retry, code: e?.code, name: e?.name, details: e?.details, cause: e?.cause?.message });
    });
  }, taskId);
}

function request(page: Page, taskId: string, args: Record<string, unknown>) {
  return page.evaluate(async ({ taskId, args }) => {
    const registration = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!;
    return (registration.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request(args);
  }, { taskId, args });
}

const heard = (page: Page) => page.evaluate(() => window.heardRuns ?? []);

test('a task failing twice then succeeding under exponential backoff: each attempt after its delay, all in the history and the page\'s events', async ({ app }) => {
  const bgkit = await BgkitDriver.attach(app);
  const taskId = await flakyTask(app, 'Flaky upload (retried)', { backoff: 'exponential', initialDelay: 10_000, maxAttempts: 4 });
  const requested = Date.now();
  expect(await request(app, taskId, { succeedAt: 3 })).toBe('allowed');

  const [first] = await settledRuns(app, taskId, 1);
  expect(first).toMatchObject({ status: 'failed', attempt: 1, source: 'application', error: { name: 'UploadError', message: 'attempt 1: the server answered 503' }, retry: { attempt: 2, maxAttempts: 4 } });
  expect(first!.retry!.at - requested).toBeGreaterThanOrEqual(10_000);
  expect(first!.retry!.at - Date.now()).toBeLessThanOrEqual(10_000);
  // The page hears "failed, will retry": checkResult() throws task-retrying, with the next attempt and the cause.
  await expect.poll(() => heard(app)).toEqual([
    expect.objectContaining({ status: 'failed', code: 'task-retrying', retry: first!.retry, details: expect.objectContaining({ attempt: 2, instanceId: first!.retry!.instanceId }), cause: 'attempt 1: the server answered 503' }),
  ]);
  // The retry is stored, pending until its time.
  expect(await pendingOf(app, taskId)).toEqual([expect.objectContaining({ id: first!.retry!.instanceId, source: 'retry', attempt: 2, dueAt: first!.retry!.at })]);

  // Not due yet: the heartbeat runs nothing.
  await bgkit.runDue();
  await app.waitForTimeout(300);
  expect(await runsOf(app, taskId)).toHaveLength(1);

  // 10 s on the kit clock: the second attempt runs, fails, and the next delay is twice the first.
  const { offset } = await bgkit.advanceTime(10_000);
  await bgkit.runDue();
  const [second] = await settledRuns(app, taskId, 2);
  expect(second).toMatchObject({ instanceId: first!.retry!.instanceId, status: 'failed', attempt: 2, source: 'retry', triggerDetails: { arguments: { succeedAt: 3 } }, retry: { attempt: 3 } });
  const kitNow = Date.now() + offset;
  expect(second!.retry!.at - kitNow).toBeGreaterThan(20_000 - 2000);
  expect(second!.retry!.at - kitNow).toBeLessThanOrEqual(20_000);

  // Half the second delay is not enough; all of it is.
  await bgkit.advanceTime(10_000);
  await bgkit.runDue();
  await app.waitForTimeout(300);
  expect(await runsOf(app, taskId)).toHaveLength(2);
  await bgkit.advanceTime(10_000);
  await bgkit.runDue();
  const [third] = await settledRuns(app, taskId, 3);
  expect(third).toMatchObject({ instanceId: second!.retry!.instanceId, status: 'completed', attempt: 3, result: { attempt: 3 } });
  expect(third!.retry).toBeUndefined();

  const history = (await runsOf(app, taskId)).reverse();
  expect(history.map((r) => [r.attempt, r.status, r.source])).toEqual([[1, 'failed', 'application'], [2, 'failed', 'retry'], [3, 'completed', 'retry']]);
  await expect.poll(async () => (await heard(app)).map((h) => [h.status, h.code ?? 'ok'])).toEqual([['failed', 'task-retrying'], ['failed', 'task-retrying'], ['completed', 'ok']]);
  expect(await pendingOf(app, taskId)).toEqual([]);
  expect(await bgkit.resetTime()).toMatchObject({ via: 'simulated', offset: 0 });
  await bgkit.detach();
});

test('the policy\'s last attempt fails for good: no retry, and checkResult() throws the task\'s own error', async ({ app }) => {
  const bgkit = await BgkitDriver.attach(app);
  const taskId = await flakyTask(app, 'Flaky upload (twice)', { backoff: 'linear', initialDelay: 10_000, maxAttempts: 2 });
  await request(app, taskId, {});
  const [first] = await settledRuns(app, taskId, 1);
  expect(first!.retry).toMatchObject({ attempt: 2, maxAttempts: 2 });
  await bgkit.advanceTime(10_000);
  await bgkit.runDue();
  const [last] = await settledRuns(app, taskId, 2);
  expect(last).toMatchObject({ status: 'failed', attempt: 2, error: { name: 'UploadError' } });
  expect(last!.retry).toBeUndefined();
  await expect.poll(async () => (await heard(app)).map((h) => [h.code ?? h.name, h.retry?.attempt ?? null])).toEqual([['task-retrying', 2], ['UploadError', null]]);
  expect(await pendingOf(app, taskId)).toEqual([]);
  // Nothing more, however long one waits.
  await bgkit.advanceTime(24 * 3_600_000);
  await bgkit.runDue();
  await app.waitForTimeout(300);
  expect(await runsOf(app, taskId)).toHaveLength(2);
  expect(await bgkit.resetTime()).toMatchObject({ via: 'simulated', offset: 0 });
  await bgkit.detach();
});

test('a retry survives a killed worker and a reload, and the next worker runs it once due', async ({ app, cdp }) => {
  const bgkit = await BgkitDriver.attach(app);
  const taskId = await flakyTask(app, 'Flaky upload (restarts)', { initialDelay: 10_000, maxAttempts: 3 });
  await request(app, taskId, { succeedAt: 2 });
  const [first] = await settledRuns(app, taskId, 1);
  // The wire carries runs as the worker stores them, with the lifetime that ran each.
  const firstBoot = (first as StoredRun).bootId;
  await cdp.stopWorker();
  await openApp(app); // a reload
  expect(await pendingOf(app, taskId)).toEqual([expect.objectContaining({ id: first!.retry!.instanceId, attempt: 2 })]);
  await bgkit.advanceTime(10_000);
  // The browser kills the worker again; whatever starts the next one (here the page's next call) runs it.
  await bgkit.stopServiceWorker();
  const [second] = await settledRuns(app, taskId, 2);
  expect(second).toMatchObject({ instanceId: first!.retry!.instanceId, status: 'completed', attempt: 2, source: 'retry', result: { attempt: 2 } });
  expect((second as StoredRun).bootId).not.toBe(firstBoot);
  // The reset is stored as the move was: a worker started after it reads real time back, not the 10 s.
  expect(await kitClock(app)).toMatchObject({ offset: 10_000 });
  const reset = await bgkit.resetTime();
  expect(reset).toMatchObject({ via: 'simulated', offset: 0 });
  expect(Math.abs(reset.now - Date.now())).toBeLessThan(5000);
  await bgkit.stopServiceWorker();
  expect(await kitClock(app)).toMatchObject({ offset: 0 });
  await bgkit.detach();
});

test('a due retry waits for the task\'s conditions, and runs once they hold', async ({ app }) => {
  const bgkit = await BgkitDriver.attach(app);
  const taskId = await flakyTask(app, 'Flaky upload (online only)', { initialDelay: 10_000, maxAttempts: 3 }, ['internetAvailable']);
  await request(app, taskId, { succeedAt: 2 });
  await settledRuns(app, taskId, 1);
  expect(await bgkit.setDeviceState({ online: false })).toEqual({ via: { online: 'real' } });
  await bgkit.advanceTime(10_000);
  await bgkit.runDue();
  await app.waitForTimeout(500);
  expect(await runsOf(app, taskId)).toHaveLength(1);
  expect(await pendingOf(app, taskId)).toHaveLength(1);
  await bgkit.setDeviceState({ online: true });
  const [second] = await settledRuns(app, taskId, 2);
  expect(second).toMatchObject({ status: 'completed', attempt: 2, source: 'retry' });
  expect(await bgkit.resetTime()).toMatchObject({ via: 'simulated', offset: 0 });
  await bgkit.detach();
});

test('a run killed with its worker is retried as an attempt only when the policy says retryTerminated', async ({ app, cdp }) => {
  const bgkit = await BgkitDriver.attach(app);
  const retried = await flakyTask(app, 'Killed, retried', { initialDelay: 10_000, maxAttempts: 3, retryTerminated: true });
  const kept = await flakyTask(app, 'Killed, not retried', { initialDelay: 10_000, maxAttempts: 3 });
  await request(app, retried, { succeedAt: 1, holdMs: 60_000 });
  await request(app, kept, { succeedAt: 1, holdMs: 60_000 });
  await expect.poll(async () => [(await runsOf(app, retried))[0]?.status, (await runsOf(app, kept))[0]?.status]).toEqual(['running', 'running']);
  await cdp.stopWorker();
  const [killed] = await settledRuns(app, retried, 1);
  expect(killed).toMatchObject({ status: 'canceled', cancelReason: 'terminating', attempt: 1, retry: { attempt: 2, maxAttempts: 3 } });
  const [notRetried] = await settledRuns(app, kept, 1);
  expect(notRetried).toMatchObject({ status: 'canceled', cancelReason: 'terminating' });
  expect(notRetried!.retry).toBeUndefined();

  await bgkit.advanceTime(10_000);
  await bgkit.runDue();
  const [again] = await settledRuns(app, retried, 2);
  expect(again).toMatchObject({ instanceId: killed!.retry!.instanceId, status: 'completed', attempt: 2, source: 'retry' });
  expect(await runsOf(app, kept)).toHaveLength(1);
  expect(await bgkit.resetTime()).toMatchObject({ via: 'simulated', offset: 0 });
  await bgkit.detach();
});

test('unregistering a task drops its retries', async ({ app }) => {
  const bgkit = await BgkitDriver.attach(app);
  const taskId = await flakyTask(app, 'Flaky upload (dropped)', { initialDelay: 10_000, maxAttempts: 3 });
  await request(app, taskId, {});
  await settledRuns(app, taskId, 1);
  expect(await pendingOf(app, taskId)).toHaveLength(1);
  await app.evaluate(async (taskId) => (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!.unregister(false), taskId);
  expect(await pendingOf(app, taskId)).toEqual([]);
  await bgkit.advanceTime(10_000);
  await bgkit.runDue();
  await app.waitForTimeout(300);
  expect((await bgkit.runs({ limit: 200 })).filter((r) => r.taskId === taskId)).toHaveLength(1);
  expect(await bgkit.resetTime()).toMatchObject({ via: 'simulated', offset: 0 });
  await bgkit.detach();
});

test('bad retry policies are refused with invalid-argument and register nothing', async ({ app }) => {
  const codes = await app.evaluate(async () => {
    const { BackgroundTaskBuilder, ApplicationTrigger } = window.bgkit;
    const out: string[] = [];
    for (const policy of [{ backoff: 'random' }, { maxAttempts: 0 }, { initialDelay: -5 }, { tries: 3 }, 'fast']) {
      const builder = new BackgroundTaskBuilder();
      builder.name = `bad policy ${JSON.stringify(policy)}`;
      builder.taskEntryPoint = 'retry.flaky';
      builder.setTrigger(new ApplicationTrigger());
      builder.retryPolicy = policy as never;
      out.push(await builder.register().then(() => 'registered', (e: { code?: string }) => e.code ?? 'uncoded'));
    }
    const names = [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).values()].map((r) => r.name);
    return { out, registered: names.filter((n) => n.startsWith('bad policy')) };
  });
  expect(codes).toEqual({ out: Array(5).fill('invalid-argument'), registered: [] });
});
