// Retries with backoff (retry.ts): the policy's rules, the stored next attempt, and how it runs. The same
// behaviour is checked in real Chromium (e2e/tests/retries.spec.ts); these pin the logic on fake-indexeddb.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshWorld, restart, until } from './helpers.js';
import { isBgkitError } from '../BgkitError.js';
import { defineTask } from '../defineTask.js';
import { createApi } from '../internal/api.js';
import { clockNow, setClockOffset } from '../internal/clock.js';
import { applySignals } from '../internal/device.js';
import { Lifetime } from '../internal/Lifetime.js';
import { PendingStore } from '../internal/PendingStore.js';
import { RegistrationStore } from '../internal/RegistrationStore.js';
import { RunStore } from '../internal/RunStore.js';
import { reconcile, startRun } from '../internal/runner.js';
import { releasePending } from '../internal/dispatch.js';
import {
  DEFAULT_RETRY_POLICY,
  RETRY_MAX_DELAY_MS,
  retryDelay,
  type RegisterInput,
  type RetryPolicyInit,
  type RunRecord,
  type SystemConditionType,
} from '../protocol.js';
import { validateRetryPolicy } from '../validate.js';

// Fails (asking for a retry) until its attempt reaches `succeedAt`; records the attempts it saw.
const seen: number[] = [];
defineTask<{ arguments: { succeedAt?: number } }>('retry.flaky', (task) => {
  seen.push(task.attempt);
  if (task.attempt < (task.triggerDetails.arguments.succeedAt ?? Infinity)) return task.retry(new Error(`attempt ${task.attempt} failed`));
  return { done: task.attempt };
});
defineTask('retry.thrown', (task) => {
  throw task.retry();
});
defineTask('retry.plainFailure', () => {
  throw new Error('not asking for a retry');
});
let release: (() => void) | undefined;
defineTask('retry.blocked', () => new Promise((resolve) => (release = () => resolve('done'))));

const api = () => createApi(new Lifetime());
function input(name: string, entryPoint: string, retryPolicy?: RetryPolicyInit | null, conditions: SystemConditionType[] = []): RegisterInput {
  return {
    name, entryPoint, trigger: { type: 'application' }, conditions: conditions.map((type) => ({ type })), cancelOnConditionLoss: false,
    isNetworkRequested: false, group: null, ...(retryPolicy !== undefined && { retryPolicy }),
  };
}

async function history(taskId: string): Promise<RunRecord[]> {
  return (await RunStore.query({ taskId })).reverse();
}

/** Moves the kit clock to `at` (or just past it), as a devtools `clock` simulation does. */
function clockTo(at: number): void {
  setClockOffset(Math.max(0, at - Date.now() + 1));
}

beforeEach(async () => {
  await freshWorld();
  seen.length = 0;
});
afterEach(() => setClockOffset(0));

describe('the retry policy', () => {
  it('is stored whole: defaults fill what the builder left out, the initial delay is kept within 10 s … 5 h', () => {
    expect(validateRetryPolicy({})).toEqual(DEFAULT_RETRY_POLICY);
    expect(validateRetryPolicy({ backoff: 'linear', initialDelay: 1000, maxAttempts: 3 })).toEqual({ backoff: 'linear', initialDelay: 10_000, maxAttempts: 3, retryTerminated: false });
    expect(validateRetryPolicy({ initialDelay: 24 * 3_600_000 }).initialDelay).toBe(RETRY_MAX_DELAY_MS);
  });

  it.each([
    ['not an object', 30],
    ['an unknown backoff', { backoff: 'random' }],
    ['a negative delay', { initialDelay: -1 }],
    ['a delay that is not a number', { initialDelay: '30s' }],
    ['an endless delay', { initialDelay: Infinity }],
    ['no attempt at all', { maxAttempts: 0 }],
    ['a fractional count', { maxAttempts: 2.5 }],
    ['too many attempts', { maxAttempts: 101 }],
    ['a retryTerminated that is not a boolean', { retryTerminated: 'yes' }],
    ['a field of no policy', { maxRetries: 3 }],
  ])('refuses %s with invalid-argument, and registers nothing', async (_label, policy) => {
    const error = await api().register(input('bad policy', 'retry.flaky', policy as RetryPolicyInit)).catch((e: unknown) => e);
    expect(isBgkitError(error, 'invalid-argument')).toBe(true);
    expect((await RegistrationStore.all()).size).toBe(0);
  });

  it('delays: exponential doubles from the initial delay, linear adds it; both stay within 10 s … 5 h', () => {
    const exponential = { ...DEFAULT_RETRY_POLICY, initialDelay: 30_000 };
    expect([1, 2, 3, 4].map((n) => retryDelay(exponential, n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelay(exponential, 20)).toBe(RETRY_MAX_DELAY_MS);
    const linear = { ...DEFAULT_RETRY_POLICY, backoff: 'linear' as const, initialDelay: 10_000 };
    expect([1, 2, 3].map((n) => retryDelay(linear, n))).toEqual([10_000, 20_000, 30_000]);
  });

  it('a registration that spells out the defaults equals one without a policy only when both say the same', async () => {
    const first = await api().register(input('same', 'retry.flaky', { maxAttempts: 3 }));
    const again = await api().register(input('same', 'retry.flaky', { maxAttempts: 3, backoff: 'exponential' }));
    expect(again.created).toBe(false);
    expect(again.registration.retryPolicy).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 3 });
    const changed = await api().register(input('same', 'retry.flaky', null));
    expect(changed.replaced).toBe(first.registration.taskId);
    expect(changed.registration.retryPolicy).toBeUndefined();
    // null (a builder's default) and absent are the same: no new registration on every page load.
    expect((await api().register(input('same', 'retry.flaky'))).created).toBe(false);
  });
});

describe('a run that asks for a retry', () => {
  it('fails twice, then succeeds: each attempt waits its exponential delay by the kit clock, and the history shows them all', async () => {
    const { registration } = await api().register(input('flaky', 'retry.flaky', { initialDelay: 10_000, maxAttempts: 5 }));
    const started = Date.now();
    expect(await api().request(registration.taskId, 'first', { succeedAt: 3 })).toBe('allowed');
    const first = await until(async () => (await history(registration.taskId)).find((r) => r.status === 'failed'));
    expect(first).toMatchObject({ instanceId: 'first', attempt: 1, error: { message: 'attempt 1 failed' }, retry: { attempt: 2, maxAttempts: 5 } });
    expect(first.retry!.at - started).toBeGreaterThanOrEqual(10_000);
    expect(first.retry!.at - first.finishedAt!).toBeLessThanOrEqual(10_000 + 50);
    // Stored as a pending trigger with its due time, in the same commit as the failed run.
    expect(await PendingStore.all()).toEqual([expect.objectContaining({ id: first.retry!.instanceId, dueAt: first.retry!.at, attempt: 2, source: 'retry' })]);

    // Not before it is due.
    await releasePending();
    expect(await history(registration.taskId)).toHaveLength(1);
    clockTo(first.retry!.at);
    await releasePending();
    const second = await until(async () => (await history(registration.taskId)).find((r) => r.attempt === 2 && r.status === 'failed'));
    expect(second).toMatchObject({ instanceId: first.retry!.instanceId, source: 'retry', triggerDetails: { arguments: { succeedAt: 3 } }, retry: { attempt: 3 } });
    // The second delay is twice the first (by the kit clock, which the test moved: `at` is in its time).
    expect(second.retry!.at - clockNow()).toBeGreaterThan(20_000 - 1000);
    expect(second.retry!.at - clockNow()).toBeLessThanOrEqual(20_000);

    clockTo(second.retry!.at);
    await releasePending();
    const third = await until(async () => (await history(registration.taskId)).find((r) => r.attempt === 3 && r.status === 'completed'));
    expect(third.result).toEqual({ done: 3 });
    expect(third.retry).toBeUndefined();
    expect(seen).toEqual([1, 2, 3]);
    expect((await history(registration.taskId)).map((r) => [r.attempt, r.status])).toEqual([[1, 'failed'], [2, 'failed'], [3, 'completed']]);
    expect(await PendingStore.all()).toEqual([]);
  });

  it('fails for good at the policy\'s last attempt: no retry, nothing pending', async () => {
    const { registration } = await api().register(input('limited', 'retry.flaky', { maxAttempts: 2, backoff: 'linear' }));
    await api().request(registration.taskId, 'one', {});
    const first = await until(async () => (await history(registration.taskId)).find((r) => r.status === 'failed'));
    clockTo(first.retry!.at);
    await releasePending();
    const last = await until(async () => (await history(registration.taskId)).find((r) => r.attempt === 2 && r.status === 'failed'));
    expect(last.retry).toBeUndefined();
    expect(last.error).toMatchObject({ message: 'attempt 2 failed' });
    expect(await PendingStore.all()).toEqual([]);
  });

  it('without a policy, the defaults apply; a thrown task.retry() counts too, its error retry-requested', async () => {
    const { registration } = await api().register(input('thrown', 'retry.thrown'));
    const before = Date.now();
    await api().request(registration.taskId, 'thrown-1', {});
    const run = await until(async () => (await history(registration.taskId)).find((r) => r.status === 'failed'));
    expect(run.error).toMatchObject({ name: 'BgkitError', code: 'retry-requested' });
    expect(run.retry).toMatchObject({ attempt: 2, maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts });
    expect(run.retry!.at - before).toBeGreaterThanOrEqual(DEFAULT_RETRY_POLICY.initialDelay);
  });

  it('a plain failure is not retried', async () => {
    const { registration } = await api().register(input('plain', 'retry.plainFailure', { maxAttempts: 5 }));
    await api().request(registration.taskId, 'plain-1', {});
    const run = await until(async () => (await history(registration.taskId)).find((r) => r.status === 'failed'));
    expect(run.retry).toBeUndefined();
    expect(await PendingStore.all()).toEqual([]);
  });

  it('survives a worker restart: the next worker runs it once it is due', async () => {
    const { registration } = await api().register(input('restarted', 'retry.flaky', { maxAttempts: 3 }));
    await api().request(registration.taskId, 'r1', { succeedAt: 2 });
    const first = await until(async () => (await history(registration.taskId)).find((r) => r.status === 'failed'));
    await restart();
    clockTo(first.retry!.at);
    // Any call boots the new worker, and its boot releases what is due.
    await api().tick();
    const second = await until(async () => (await history(registration.taskId)).find((r) => r.status === 'completed'));
    expect(second).toMatchObject({ instanceId: first.retry!.instanceId, attempt: 2, result: { done: 2 } });
  });

  it('waits for the task\'s conditions once due, and runs when they hold', async () => {
    const { registration } = await api().register(input('online only', 'retry.flaky', { maxAttempts: 3 }, ['internetAvailable']));
    await applySignals({ online: true });
    await api().request(registration.taskId, 'c1', { succeedAt: 2 });
    const first = await until(async () => (await history(registration.taskId)).find((r) => r.status === 'failed'));
    await applySignals({ online: false });
    clockTo(first.retry!.at);
    await releasePending();
    expect(await history(registration.taskId)).toHaveLength(1);
    expect(await PendingStore.all()).toHaveLength(1);
    await applySignals({ online: true });
    await releasePending();
    await until(async () => (await history(registration.taskId)).find((r) => r.status === 'completed'));
  });

  it('unregistering the task drops its retries', async () => {
    const { registration } = await api().register(input('dropped', 'retry.flaky', { maxAttempts: 3 }));
    await api().request(registration.taskId, 'd1', {});
    const first = await until(async () => (await history(registration.taskId)).find((r) => r.status === 'failed'));
    expect(await PendingStore.all()).toHaveLength(1);
    await api().unregister(registration.taskId, false);
    expect(await PendingStore.all()).toEqual([]);
    clockTo(first.retry!.at);
    await releasePending();
    expect(await history(registration.taskId)).toHaveLength(1);
  });

  it('a one-shot task stays registered while a retry is to come', async () => {
    const { registration } = await api().register({ ...input('one shot', 'retry.flaky', { maxAttempts: 2 }), trigger: { type: 'system', systemType: 'timeZoneChange', oneShot: true } });
    const run = startRun({ registration, source: 'simulated', triggerDetails: { arguments: {} } });
    const final = await run.finished;
    expect(final.retry).toMatchObject({ attempt: 2 });
    await until(async () => (await PendingStore.all()).length === 1);
    expect(await RegistrationStore.get(registration.taskId)).toBeDefined();
  });
});

describe('a run killed with its worker', () => {
  async function killedRun(retryPolicy: RetryPolicyInit): Promise<{ taskId: string; settled: RunRecord[] }> {
    const { registration } = await api().register(input(`killed ${JSON.stringify(retryPolicy)}`, 'retry.blocked', retryPolicy));
    await api().request(registration.taskId, `k-${Math.random()}`, {});
    await until(async () => (await history(registration.taskId)).find((r) => r.status === 'running'));
    await restart();
    const settled = await reconcile();
    release?.();
    return { taskId: registration.taskId, settled };
  }

  it('is retried, as an attempt, when the policy says retryTerminated', async () => {
    const { settled } = await killedRun({ retryTerminated: true, maxAttempts: 2 });
    expect(settled).toEqual([expect.objectContaining({ status: 'canceled', cancelReason: 'terminating', attempt: 1, retry: expect.objectContaining({ attempt: 2 }) })]);
    expect(await PendingStore.all()).toEqual([expect.objectContaining({ id: settled[0]!.retry!.instanceId, attempt: 2 })]);
  });

  it('is not retried otherwise', async () => {
    const { settled } = await killedRun({ maxAttempts: 2 });
    expect(settled).toEqual([expect.objectContaining({ status: 'canceled', cancelReason: 'terminating' })]);
    expect(settled[0]!.retry).toBeUndefined();
    expect(await PendingStore.all()).toEqual([]);
  });
});
