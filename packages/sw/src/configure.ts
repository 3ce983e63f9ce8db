// SPDX-License-Identifier: MIT
import { BgkitError } from './BgkitError.js';
import { MESSAGES } from './protocol.js';
import { install } from './internal/install.js';
import { validateDuration } from './validate.js';
import { options, type RuntimeOptions } from './internal/runtime.js';
import { DEV } from './internal/log.js';

/** Sets worker-wide options. Call it at the top level of the service worker, before or after defineTask(). */
export function configure(settings: Partial<RuntimeOptions>): void {
  if (typeof settings !== 'object' || settings === null) throw new BgkitError('invalid-argument', DEV ? MESSAGES.optionsObject('configure()') : '');
  validateDuration('timeLimit', settings.timeLimit);
  const limit = settings.historyLimit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new BgkitError('invalid-argument', DEV ? `historyLimit must be a positive integer (got ${String(limit)}).` : '', { historyLimit: limit });
  }
  if (settings.timeLimit !== undefined) options.timeLimit = settings.timeLimit;
  if (limit !== undefined) options.historyLimit = limit;
  install();
}
