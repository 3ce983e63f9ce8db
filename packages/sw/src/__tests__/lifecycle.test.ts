// Regression tests for run-lifecycle races: each names the scenario it guards against.
import { beforeEach, describe, expect, it } from 'vitest';
import { freshWorld, restart, until } from './helpers.js';
import { BackgroundTaskCanceledEvent } from '../BackgroundTaskInstance.js';
import { isBgkitError } from '../BgkitError.js';
import { configure } from '../configure.js';
import { defineTask } from '../defineTask.js';
import { createApi } from '../internal/api.js';
import { Lifetime } from '../internal/Lifetime.js';
import { RunStore } from '../internal/RunStore.js';
import { cancelRuns, startRun } from '../internal/runner.js';
import type { RegisterInput, TriggerSpec } from '../protocol.js';

const calls: string[] = [];
let finishCleanup: (() => void) | undefined;

defineTask('lc.count', () => {
  calls.push('count');
  return 'ran';
});
// The Windows pattern: return early, finish on a deferral, complete it when canceled.
defineTask('lc.deferral', (task) => {
  const deferral = task.getDeferral();
  task.addEventListener('canceled', () => deferral.complete());
  return 'early';
}, { timeLimit: 40 });
// Keeps cleaning up for a while after it is canceled.
defineTask('lc.slow-cleanup', (task) => new Promise<void>((resolve) => {
  task.addEventListener('canceled', (e) => {
    calls.push(`canceled:${(e as BackgroundTaskCanceledEvent).reason}`);
    finishCleanup = () => {
      calls.push('cleanup-done');
      resolve();
    };
  });
}));
defineTask('lc.bad-error', () => {
  throw Object.assign(new TypeError('bad input'), { details: { fn: () => 1 } });
});

const api = () => createApi(new Lifetime());
const input = (name: string, entryPoint: string, trigger: TriggerSpec = { type: 'application' }): RegisterInput => ({
  name, entryPoint, trigger, conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, group: null,
});

beforeEach(async () => {
  await freshWorld();
  calls.length = 0;
  finishCleanup = undefined;
});

describe('run lifecycle races', () => {
  it('a cancel that arrives before the handler starts cancels the run; the handler never runs', async () => {
    const { registration } = await api().register(input('c', 'lc.count'));
    const run = startRun({ registration, source: 'application', triggerDetails: {} });
    expect(cancelRuns('abort', new Set([registration.taskId]))).toBe(1);
    expect(await run.finished).toMatchObject({ status: 'canceled', cancelReason: 'abort' });
    expect(calls).toEqual([]);
  });

  it('completing a deferral inside a canceled listener still ends the run as canceled', async () => {
    const { registration } = await api().register(input('d', 'lc.deferral'));
    const run = startRun({ registration, source: 'application', triggerDetails: {} });
    expect(await run.finished).toMatchObject({ status: 'canceled', cancelReason: 'executionTimeExceeded' });
    expect((await RunStore.get(run.instanceId))?.status).toBe('canceled');
  });

  it('a request and its retry arriving together start one run and both answer allowed', async () => {
    const { registration } = await api().register(input('c', 'lc.count'));
    const id = crypto.randomUUID();
    const answers = await Promise.all([api().request(registration.taskId, id, {}), api().request(registration.taskId, id, {})]);
    expect(answers).toEqual(['allowed', 'allowed']);
    await until(async () => ((await RunStore.get(id))?.status === 'completed' ? true : undefined));
    expect(calls).toEqual(['count']);
  });

  it('a retry (attempt 1) reaching a restarted worker finds the run its first attempt started, and starts no other', async () => {
    const { registration } = await api().register(input('r', 'lc.count'));
    const id = crypto.randomUUID();
    expect(await api().request(registration.taskId, id, {})).toBe('allowed');
    await until(async () => ((await RunStore.get(id))?.status === 'completed' ? true : undefined));
    await restart();
    expect(await api().request(registration.taskId, id, {})).toBe('allowed');
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual(['count']);
    expect(await RunStore.query({ taskId: registration.taskId })).toHaveLength(1);
  });

  it('a canceled handler gets its grace: the run is canceled at once, but finished waits for the clean-up', async () => {
    const { registration } = await api().register(input('s', 'lc.slow-cleanup'));
    const run = startRun({ registration, source: 'application', triggerDetails: {} });
    await run.recorded;
    await new Promise((r) => setTimeout(r, 10));
    cancelRuns('abort', new Set([registration.taskId]));
    await until(async () => ((await RunStore.get(run.instanceId))?.status === 'canceled' ? true : undefined));
    let finished = false;
    void run.finished.then(() => (finished = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(finished).toBe(false);
    finishCleanup!();
    await run.finished;
    expect(calls).toEqual(['canceled:abort', 'cleanup-done']);
  });

  it('a queued run does not start while the canceled run before it is still cleaning up', async () => {
    const { registration } = await api().register(input('q', 'lc.slow-cleanup', { type: 'push' }));
    const first = startRun({ registration, source: 'push', triggerDetails: null });
    await first.recorded;
    await new Promise((r) => setTimeout(r, 10));
    const second = startRun({ registration, source: 'push', triggerDetails: null });
    await second.recorded;
    cancelRuns('abort', new Set([registration.taskId]));
    // Both were canceled: the running one at once, the queued one when its turn comes.
    await until(async () => ((await RunStore.get(first.instanceId))?.status === 'canceled' ? true : undefined));
    await new Promise((r) => setTimeout(r, 30));
    expect((await RunStore.get(second.instanceId))?.status).toBe('queued');
    finishCleanup!();
    expect(await second.finished).toMatchObject({ status: 'canceled' });
  });

  it('keeps the name and message of an error whose details cannot be stored', async () => {
    const { registration } = await api().register(input('b', 'lc.bad-error'));
    const run = await startRun({ registration, source: 'application', triggerDetails: {} }).finished;
    expect(run).toMatchObject({ status: 'failed', error: { name: 'TypeError', message: 'bad input' } });
    expect((await RunStore.get(run.instanceId))?.error).toMatchObject({ name: 'TypeError', message: 'bad input' });
  });
});

describe('bad input to the worker', () => {
  it('refuses durations a timer cannot hold', () => {
    const code = (fn: () => void) => {
      try {
        fn();
        return 'none';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(code(() => configure({ timeLimit: 2 ** 31 }))).toBe('invalid-argument');
    expect(code(() => configure({ timeLimit: Infinity }))).toBe('invalid-argument');
    expect(code(() => configure({ timeLimit: Number.NaN }))).toBe('invalid-argument');
  });

  it.each([
    [{ limit: Number.NaN }],
    [{ limit: 0 }],
    [{ limit: 1.5 }],
    [{ taskId: '' }],
    [{ status: 'done' as never }],
  ])('refuses the run query %j', async (query) => {
    const error = await api().runs(query).catch((e: unknown) => e);
    expect(isBgkitError(error, 'invalid-argument')).toBe(true);
  });

  it('refuses a registration that is not an object or has non-boolean flags', async () => {
    expect(isBgkitError(await api().register(null as never).catch((e: unknown) => e), 'invalid-argument')).toBe(true);
    const flagged = { ...input('f', 'lc.count'), isNetworkRequested: 'yes' as never };
    expect(isBgkitError(await api().register(flagged).catch((e: unknown) => e), 'invalid-argument')).toBe(true);
    expect((await api().list()).registrations).toEqual([]);
  });
});
