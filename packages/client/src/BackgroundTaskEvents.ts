// SPDX-License-Identifier: MIT
import { BgkitError, deserializeError, type RunRecord } from '@bgkit/protocol';

/** A task instance reported progress (0–100). */
export class BackgroundTaskProgressEvent extends Event {
  declare readonly instanceId: string;
  declare readonly progress: number;
  /** For a run an ApplicationTrigger started: the arguments its `request()` passed, to tell the page's own requests apart. */
  declare readonly arguments: Record<string, unknown> | undefined;
  constructor(instanceId: string, progress: number, args?: Record<string, unknown>) {
    super('progress');
    this.instanceId = instanceId;
    this.progress = progress;
    this.arguments = args;
  }
}

/** A task instance finished: completed, failed or canceled. Call `checkResult()` to get its result or its error. */
export class BackgroundTaskCompletedEvent extends Event {
  declare readonly instanceId: string;
  declare readonly status: 'completed' | 'failed' | 'canceled';
  /** The run as recorded in the history. */
  declare readonly run: RunRecord;
  constructor(run: RunRecord) {
    super('completed');
    this.instanceId = run.instanceId;
    this.status = run.status as BackgroundTaskCompletedEvent['status'];
    this.run = run;
  }

  /**
   * Returns what the task's handler returned. Throws what it threw (name and message intact) if it failed,
   * or a BgkitError with code `task-canceled` (and `details.reason`) if it was canceled.
   */
  checkResult(): unknown {
    const { run } = this;
    if (run.status === 'failed') throw deserializeError(run.error ?? { name: 'Error', message: 'The task failed.' });
    if (run.status === 'canceled') {
      // Kept in production: apps show this one to people, and the reason is most of it.
      throw new BgkitError('task-canceled', `The task was canceled (${run.cancelReason ?? 'abort'}).`, { reason: run.cancelReason });
    }
    return run.result;
  }
}

export interface BackgroundTaskRegistrationEventMap {
  progress: BackgroundTaskProgressEvent;
  completed: BackgroundTaskCompletedEvent;
}
