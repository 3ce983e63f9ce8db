// SPDX-License-Identifier: MIT
import { BackgroundTaskCompletedEvent, BgkitError, type BackgroundTaskRun } from '@bgkit/client';
import { DISPATCH_MARGIN_MS, runnerOf, type ConfiguredRunner } from './configure.js';
import type { DispatchArguments } from './shared/names.js';
import type { DispatchEventOptions } from './types.js';

/** How often a waiting dispatch reads the history, in case its `completed` event never comes (a killed worker announces it only once restarted, and reading restarts it). */
const POLL = 1_500;

/** Dispatches run one at a time per runner: `request()` answers 'currentlyRunning' while its task runs. */
const lanes = new Map<string, Promise<unknown>>();

/**
 * `BackgroundRunner.dispatchEvent()`: one bgkit run of the runner's dispatch task. Resolves with what the
 * listener passed to `resolve()`, rejects with what it passed to `reject()` or threw (a run canceled, e.g.
 * by the time limit or a killed worker, rejects with `task-canceled` and `details.reason`).
 */
export async function dispatchEvent<T>(options: DispatchEventOptions): Promise<T> {
  const { label, event, details } = validate(options);
  const runner = await runnerOf(label);
  const previous = lanes.get(label) ?? Promise.resolve();
  const mine = previous.catch(() => {}).then(() => runOnce(runner, event, details));
  const tail = mine.catch(() => {});
  lanes.set(label, tail);
  void tail.then(() => {
    if (lanes.get(label) === tail) lanes.delete(label);
  });
  return (await mine) as T;
}

function validate(options: DispatchEventOptions): DispatchEventOptions {
  if (typeof options !== 'object' || options === null) throw new BgkitError('invalid-argument', 'dispatchEvent() takes { label, event, details }.');
  const { label, event, details } = options;
  if (typeof label !== 'string' || label === '') throw new BgkitError('invalid-argument', 'dispatchEvent(): label must be a non-empty string.', { label });
  if (typeof event !== 'string' || event === '') throw new BgkitError('invalid-argument', 'dispatchEvent(): event must be a non-empty string.', { event });
  if (details !== undefined && (typeof details !== 'object' || details === null || Array.isArray(details))) {
    throw new BgkitError('invalid-arguments', 'dispatchEvent(): details must be an object.', { label, event });
  }
  try {
    structuredClone(details);
  } catch (cause) {
    throw new BgkitError('invalid-arguments', 'dispatchEvent(): details must be structured-cloneable (no functions, DOM nodes or class instances with private state).', { label, event }, { cause });
  }
  return { label, event, details: details ?? {} };
}

async function runOnce(runner: ConfiguredRunner, event: string, details: Record<string, unknown>): Promise<unknown> {
  const dispatchId = crypto.randomUUID();
  const args: DispatchArguments = { event, details, dispatchId };
  const deadline = Date.now() + runner.timeLimit + DISPATCH_MARGIN_MS;
  const run = waitForRun(runner, dispatchId, deadline);
  try {
    // Another tab's dispatch may hold the task: wait for its end (bounded by our deadline) and ask again.
    let answer;
    while ((answer = await runner.trigger.request(args as unknown as Record<string, unknown>)) === 'currentlyRunning') {
      if (Date.now() > deadline) throw new BgkitError('sw-timeout', `The runner "${runner.config.label}" stayed busy with another event past the time limit.`, { label: runner.config.label, event });
      await nextCompletion(runner, 1_000);
    }
    // No run comes of any other answer (access denied: disabledByPolicy): say so now, not at the deadline.
    if (answer !== 'allowed') throw new BgkitError('disabled-by-policy', `The runner "${runner.config.label}" was not started (${answer}): background access was denied.`, { label: runner.config.label, event, answer });
  } catch (error) {
    run.cancel();
    throw error;
  }
  return new BackgroundTaskCompletedEvent(await run.promise).checkResult();
}

function nextCompletion(runner: ConfiguredRunner, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      runner.registration.removeEventListener('completed', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    runner.registration.addEventListener('completed', done);
  });
}

const FINISHED = ['completed', 'failed', 'canceled'];

/** The run of this dispatch once finished: from its `completed` event, or from the history, or `sw-timeout` past the deadline. */
function waitForRun(runner: ConfiguredRunner, dispatchId: string, deadline: number): { promise: Promise<BackgroundTaskRun>; cancel(): void } {
  const { registration } = runner;
  let stop = () => {};
  const promise = new Promise<BackgroundTaskRun>((resolve, reject) => {
    const mine = (run: BackgroundTaskRun) => (run.triggerDetails as { arguments?: DispatchArguments } | null)?.arguments?.dispatchId === dispatchId;
    const onCompleted = (e: BackgroundTaskCompletedEvent) => {
      if (mine(e.run)) finish(() => resolve(e.run));
    };
    const poll = setInterval(() => {
      registration.runs({ limit: 25 }).then(
        (runs) => {
          const run = runs.find(mine);
          if (run && FINISHED.includes(run.status)) finish(() => resolve(run));
        },
        () => {}, // the worker did not answer this time; the next poll or the deadline decides
      );
    }, POLL);
    const timer = setTimeout(
      () => finish(() => reject(new BgkitError('sw-timeout', `The event of the runner "${runner.config.label}" was not reported finished within its time limit and a margin.`, { label: runner.config.label, dispatchId }))),
      Math.max(0, deadline - Date.now()),
    );
    function finish(settle: () => void) {
      clearInterval(poll);
      clearTimeout(timer);
      registration.removeEventListener('completed', onCompleted);
      settle();
    }
    stop = () => finish(() => {});
    registration.addEventListener('completed', onCompleted);
  });
  promise.catch(() => {});
  return { promise, cancel: () => stop() };
}
