// SPDX-License-Identifier: MIT
import { BgkitError } from './BgkitError.js';
import { install } from './internal/install.js';
import { nonEmpty, validateDuration } from './validate.js';
import { definitions, type TaskHandler, type TaskOptions } from './internal/runtime.js';
import { DEV } from './internal/log.js';

/**
 * Defines the code behind a task entry point, at the top level of the service worker. The page registers
 * tasks by this `entryPoint`; whatever the handler returns (or throws) is the run's result.
 *
 * @example
 * defineTask('sync-inbox', async (task) => {
 *   task.progress = 50;
 *   return { fetched: 3 };
 * });
 */
export function defineTask<TDetails = unknown, TResult = unknown>(
  entryPoint: string,
  handler: TaskHandler<TDetails, TResult>,
  taskOptions: TaskOptions = {},
): void {
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
  definitions.set(entryPoint, { handler: handler as TaskHandler<never, unknown>, options: { ...taskOptions } });
  install();
}
