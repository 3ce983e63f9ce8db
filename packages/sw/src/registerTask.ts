// SPDX-License-Identifier: MIT
import type { RegistrationRecord, RetryPolicyInit, SystemConditionType, TriggerSpec } from './protocol.js';
import { BgkitError } from './BgkitError.js';
import { storageError } from './internal/db.js';
import { register } from './internal/register.js';
import { DEV } from './internal/log.js';

/** What the worker's registerTask() takes: a BackgroundTaskBuilder's settings, as plain data. */
export interface WorkerTaskSettings {
  name: string;
  /** An entry point this worker defines with defineTask(). */
  entryPoint: string;
  trigger: TriggerSpec;
  conditions?: SystemConditionType[];
  cancelOnConditionLoss?: boolean;
  isNetworkRequested?: boolean;
  group?: { id: string; name?: string } | null;
  /** How runs that call `task.retry()` are run again; the builder's `retryPolicy`. */
  retryPolicy?: RetryPolicyInit;
}

/**
 * Registers a task from the worker itself, as a page's `builder.register()` does and with the same rules
 * (validation, one registration per name, a replaced one unscheduled, pages told): for work a task decides to
 * schedule, such as a reminder in an hour on a one-shot `TimeTrigger`, with no page open. Resolves with the
 * stored registration.
 *
 * @example
 * await registerTask({ name: 'reminder 42', entryPoint: 'remind', trigger: { type: 'time', freshnessTime: 60, oneShot: true } });
 */
export async function registerTask(settings: WorkerTaskSettings): Promise<RegistrationRecord> {
  if (typeof settings !== 'object' || settings === null) throw new BgkitError('invalid-argument', DEV ? 'registerTask() takes the task\'s settings.' : '');
  const { conditions = [], group = null } = settings;
  if (!Array.isArray(conditions)) throw new BgkitError('invalid-argument', DEV ? 'registerTask(): conditions must be an array of condition types.' : '', { conditions });
  // Storage errors coded here, as a page call's reply codes them (answerCall): both writes (the registration
  // and its schedule) reach the worker's own caller as storage-full or storage-error, not a bare DOMException.
  const { registration } = await register({
    name: settings.name,
    entryPoint: settings.entryPoint,
    trigger: settings.trigger,
    conditions: conditions.map((type) => ({ type })),
    cancelOnConditionLoss: settings.cancelOnConditionLoss ?? false,
    isNetworkRequested: settings.isNetworkRequested ?? false,
    group: group && { id: group.id, name: group.name ?? '' },
    ...(settings.retryPolicy !== undefined && { retryPolicy: settings.retryPolicy }),
  }).catch((error: unknown) => {
    throw storageError(error);
  });
  return registration;
}
