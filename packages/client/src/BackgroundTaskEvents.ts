// SPDX-License-Identifier: MIT
import { BgkitError, deserializeError, type RetryInfo, type RunRecord, type TaskArguments, type TaskResult, MESSAGES } from '@bgkit/protocol';
import { DEV } from './internal/dev.js';

/**
 * A task instance reported progress (0–100). `A`: the arguments of its entry point, as declared in
 * BgkitTasks (README, "Typed tasks").
 */
export class BackgroundTaskProgressEvent<A = Record<string, unknown>> extends Event {
  declare readonly instanceId: string;
  declare readonly progress: number;
  /** For a run an ApplicationTrigger started: the arguments its `request()` passed, to tell the page's own requests apart. */
  declare readonly arguments: A | undefined;
  constructor(instanceId: string, progress: number, args?: Record<string, unknown>) {
    super('progress');
    this.instanceId = instanceId;
    this.progress = progress;
    this.arguments = args as A | undefined;
  }
}

/**
 * A task instance finished: completed, failed or canceled. Call `checkResult()` to get its result or its error.
 * `R`: what its handler returns, as declared in BgkitTasks (README, "Typed tasks"); `unknown` where not.
 */
export class BackgroundTaskCompletedEvent<R = unknown> extends Event {
  declare readonly instanceId: string;
  declare readonly status: 'completed' | 'failed' | 'canceled';
  /** The run as recorded in the history. */
  declare readonly run: RunRecord;
  /** Set when the run failed (or was killed) and will be run again: the next attempt, when, and its instance id. */
  declare readonly retry: RetryInfo | undefined;
  constructor(run: RunRecord) {
    super('completed');
    this.instanceId = run.instanceId;
    this.status = run.status as BackgroundTaskCompletedEvent['status'];
    this.run = run;
    this.retry = run.retry;
  }


  /**
   * Returns what the task's handler returned. Throws what it threw (name and message intact) if it failed for
   * good; a BgkitError with code `task-retrying` (`details`: the next attempt's RetryInfo, as `retry`; `cause`:
   * the run's error) if it failed and will be run again; a BgkitError with code `task-canceled` (and `details.reason`)
   * if it was canceled.
   */
  checkResult(): R {
    const { run } = this;
    const error =
      run.status === 'failed'
        ? // A failed run always carries its error: the runner's finalize() stores one with the status.
          deserializeError(run.error!)
        : run.status === 'canceled'
          ? // Prose in development only, as for every error: `details.reason` says why in every build.
            new BgkitError('task-canceled', DEV ? MESSAGES.taskCanceled(run.cancelReason ?? 'abort') : '', { reason: run.cancelReason })
          : undefined;
    if (run.retry) throw new BgkitError('task-retrying', DEV ? `The task runs again (attempt ${run.retry.attempt}).` : '', run.retry as unknown as Record<string, unknown>, { cause: error });
    if (error) throw error;
    return run.result as R;
  }
}

/** A registration's events; `E`, its entry point, types their arguments and result by BgkitTasks. */
export interface BackgroundTaskRegistrationEventMap<E extends string = string> {
  progress: BackgroundTaskProgressEvent<TaskArguments<E>>;
  completed: BackgroundTaskCompletedEvent<TaskResult<E>>;
}
