// SPDX-License-Identifier: MIT
import { BgkitError } from './BgkitError.js';
import { install } from './internal/install.js';
import { nonEmpty, validateDuration } from './validate.js';
import { definitions, type TaskHandler, type TaskOptions } from './internal/runtime.js';
import { DEV } from './internal/log.js';
import type { RetryRequest } from './BackgroundTaskInstance.js';
import type { TaskDetails, TaskEntryPoint, TaskResult } from './protocol.js';

/**
 * Defines the code behind a task entry point, at the top level of the service worker. The page registers
 * tasks by this `entryPoint`; whatever the handler returns (or throws) is the run's result.
 *
 * An entry point the app declared in `BgkitTasks` (README, "Typed tasks") is typed by that contract: the
 * handler's `triggerDetails` are its details (or `ApplicationTriggerDetails` of its arguments), and it must
 * return its result (or `task.retry()`).
 *
 * @example
 * defineTask('sync-inbox', async (task) => {
 *   task.progress = 50;
 *   return { fetched: 3 };
 * });
 */
export function defineTask<E extends TaskEntryPoint>(
  entryPoint: E,
  handler: TaskHandler<TaskDetails<E>, TaskResult<E> | RetryRequest>,
  taskOptions?: TaskOptions,
): void;
/**
 * Defines the code behind a task entry point, at the top level of the service worker. The page registers
 * tasks by this `entryPoint`; whatever the handler returns (or throws) is the run's result. `TDetails` types
 * the handler's `triggerDetails` (`ApplicationTriggerDetails<{ … }>`, `PushTriggerDetails`, …).
 *
 * (An entry point declared in `BgkitTasks` takes the overload above; given type arguments, a call is not
 * checked against the contract.)
 *
 * @example
 * defineTask<ApplicationTriggerDetails<{ folder: string }>>('export-mailbox', async (task) => {
 *   return { exported: await exportFolder(task.triggerDetails.arguments.folder) };
 * });
 */
export function defineTask<TDetails = unknown, TResult = unknown, E extends string = string>(
  entryPoint: E & Undeclared<E>,
  handler: TaskHandler<TDetails, TResult>,
  taskOptions?: TaskOptions,
): void;
export function defineTask(entryPoint: string, handler: TaskHandler<never, unknown>, taskOptions: TaskOptions = {}): void {
  if (!nonEmpty(entryPoint)) {
    throw new BgkitError('invalid-entry-point', DEV ? 'defineTask() needs a non-empty entry point name.' : '', { entryPoint });
  }
  if (typeof handler !== 'function') {
    throw new BgkitError('invalid-argument', DEV ? `defineTask("${entryPoint}") needs a handler function.` : '', { entryPoint });
  }
  if (definitions.has(entryPoint)) {
    throw new BgkitError('duplicate-entry-point', DEV ? `The task "${entryPoint}" is already defined.` : '', { entryPoint });
  }
  validateDuration('timeLimit', taskOptions.timeLimit);
  definitions.set(entryPoint, { handler, options: { ...taskOptions } });
  install();
}

/**
 * Keeps an entry point declared in BgkitTasks out of the untyped overload, so that a handler that breaks the
 * contract is an error rather than a call of that overload. (`never` would say the same, with less help.)
 */
type Undeclared<E extends string> = E extends TaskEntryPoint ? { 'declared in BgkitTasks: its handler must match the contract': never } : unknown;
