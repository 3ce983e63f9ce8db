// dispatchEvent()'s waiting, with a stand-in for the registered task: the completed event, the history as a
// fallback, the deadline, and a task busy in another tab. The real thing is tested in Chromium (e2e/capacitor).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundTaskRun } from '@bgkit/client';
import { BackgroundTaskCompletedEvent } from '@bgkit/client';
import type { ConfiguredRunner } from '../configure.js';

const runner = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock('../configure.js', async (original) => ({ ...(await original<typeof import('../configure.js')>()), runnerOf: async () => runner.current }));
const { dispatchEvent } = await import('../dispatch.js');

type Args = { event: string; details: unknown; dispatchId: string };

function run(args: Args, status: BackgroundTaskRun['status'], extra: Partial<BackgroundTaskRun> = {}): BackgroundTaskRun {
  return { instanceId: crypto.randomUUID(), taskId: 't', name: 'label', entryPoint: 'capacitor:label', trigger: 'application', source: 'application', triggerDetails: { arguments: args }, status, progress: 0, createdAt: Date.now(), startedAt: Date.now(), finishedAt: null, bootId: 'b', ...extra };
}

/** A dispatch task whose behaviour each test scripts: what request() answers, what runs() returns. */
function fakeRunner(timeLimit = 1_000) {
  const registration = new EventTarget() as EventTarget & { runs: () => Promise<BackgroundTaskRun[]> };
  const history: BackgroundTaskRun[] = [];
  registration.runs = vi.fn(async () => [...history]);
  const requests: Args[] = [];
  const answers: ('allowed' | 'currentlyRunning' | 'disabledByPolicy')[] = [];
  const trigger = { request: vi.fn(async (args: Args) => (requests.push(args), answers.shift() ?? 'allowed')) };
  const configured = { config: { label: 'label' }, trigger, registration, timeLimit } as unknown as ConfiguredRunner;
  runner.current = configured;
  return {
    requests,
    answers,
    history,
    registration,
    complete: (r: BackgroundTaskRun) => registration.dispatchEvent(new BackgroundTaskCompletedEvent(r)),
  };
}

describe('dispatchEvent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('settles with the result of the completed event that carries its dispatch id, not another one', async () => {
    const task = fakeRunner();
    const result = dispatchEvent({ label: 'label', event: 'e', details: { a: 1 } });
    await vi.advanceTimersByTimeAsync(0);
    const [args] = task.requests;
    expect(args).toMatchObject({ event: 'e', details: { a: 1 } });
    task.complete(run({ ...args!, dispatchId: 'someone-else' }, 'completed', { result: 'not mine' }));
    task.complete(run(args!, 'completed', { result: 'mine' }));
    await expect(result).resolves.toBe('mine');
  });

  it('rejects with what the run failed with', async () => {
    const task = fakeRunner();
    const result = dispatchEvent({ label: 'label', event: 'e', details: {} });
    result.catch(() => {});
    await vi.advanceTimersByTimeAsync(0);
    task.complete(run(task.requests[0]!, 'failed', { error: { name: 'TypeError', message: 'nope' } }));
    await expect(result).rejects.toMatchObject({ name: 'TypeError', message: 'nope' });
  });

  it('finds the run in the history when no completed event comes', async () => {
    const task = fakeRunner();
    const result = dispatchEvent({ label: 'label', event: 'e', details: {} });
    await vi.advanceTimersByTimeAsync(0);
    task.history.push(run(task.requests[0]!, 'canceled', { cancelReason: 'terminating' }));
    const settled = expect(result).rejects.toMatchObject({ code: 'task-canceled', details: { reason: 'terminating' } });
    await vi.advanceTimersByTimeAsync(2_000);
    await settled;
  });

  it('fails with sw-timeout past the time limit and a margin when the run is nowhere', async () => {
    fakeRunner(1_000);
    const result = dispatchEvent({ label: 'label', event: 'e', details: {} });
    let done = false;
    result.catch(() => (done = true));
    const settled = expect(result).rejects.toMatchObject({ name: 'BgkitError', code: 'sw-timeout' });
    await vi.advanceTimersByTimeAsync(10_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    await settled;
  });

  it('fails at once with disabled-by-policy when the request started nothing (background access denied)', async () => {
    const task = fakeRunner();
    task.answers.push('disabledByPolicy');
    const result = dispatchEvent({ label: 'label', event: 'e', details: {} });
    const settled = expect(result).rejects.toMatchObject({ name: 'BgkitError', code: 'disabled-by-policy', details: { answer: 'disabledByPolicy', label: 'label' } });
    await vi.advanceTimersByTimeAsync(0);
    await settled;
    expect(task.requests).toHaveLength(1);
  });

  it('asks again while the task is busy elsewhere, then settles with its own run', async () => {
    const task = fakeRunner();
    task.answers.push('currentlyRunning', 'currentlyRunning');
    const result = dispatchEvent({ label: 'label', event: 'e', details: {} });
    await vi.advanceTimersByTimeAsync(0);
    expect(task.requests).toHaveLength(1);
    // Another tab's run ends: ask again at once.
    task.complete(run({ event: 'other', details: {}, dispatchId: 'other-tab' }, 'completed'));
    await vi.advanceTimersByTimeAsync(0);
    expect(task.requests).toHaveLength(2);
    // No news: ask again after a second.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(task.requests).toHaveLength(3);
    task.complete(run(task.requests[2]!, 'completed', { result: 42 }));
    await expect(result).resolves.toBe(42);
  });

  it('runs one runner\'s dispatches one after another', async () => {
    const task = fakeRunner();
    const first = dispatchEvent({ label: 'label', event: 'one', details: {} });
    const second = dispatchEvent({ label: 'label', event: 'two', details: {} });
    await vi.advanceTimersByTimeAsync(0);
    expect(task.requests.map((r) => r.event)).toEqual(['one']);
    task.complete(run(task.requests[0]!, 'completed', { result: 1 }));
    await expect(first).resolves.toBe(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(task.requests.map((r) => r.event)).toEqual(['one', 'two']);
    task.complete(run(task.requests[1]!, 'completed', { result: 2 }));
    await expect(second).resolves.toBe(2);
  });
});
