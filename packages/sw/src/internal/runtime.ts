// SPDX-License-Identifier: MIT
// Worker-lifetime state: task definitions, options and the identity of this lifetime.
import type { BackgroundTaskInstance } from '../BackgroundTaskInstance.js';

export type TaskHandler<TDetails = unknown, TResult = unknown> = (
  instance: BackgroundTaskInstance<TDetails>,
) => TResult | Promise<TResult>;

export interface TaskOptions {
  /** Milliseconds a run may take before it is canceled with `executionTimeExceeded`. Defaults to the global `timeLimit`. */
  timeLimit?: number;
}

export interface TaskDefinition {
  handler: TaskHandler<never, unknown>;
  options: TaskOptions;
}

export interface RuntimeOptions {
  /** Milliseconds a run may take before it is canceled with `executionTimeExceeded`. @default 30000 */
  timeLimit: number;
  /** How many runs the history keeps; the oldest settled runs are pruned beyond it. @default 1000 */
  historyLimit: number;
}

export const definitions = new Map<string, TaskDefinition>();

export const options: RuntimeOptions = {
  timeLimit: 30_000,
  historyLimit: 1000,
};

/** A fresh id per worker start: runs are stamped with it, so a restart can tell which runs died with the last one. */
export let bootId: string = crypto.randomUUID();

/** @internal For unit tests that simulate a worker restart inside one process. */
export function newBootForTests(): void {
  bootId = crypto.randomUUID();
}
