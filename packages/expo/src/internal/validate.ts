// SPDX-License-Identifier: MIT
import { BgkitError } from '@bgkit/client';

/**
 * Expo's own check (`!taskName || typeof taskName !== 'string'`, a TypeError in Expo), raised here as a
 * BgkitError with the code `invalid-name` and Expo's message.
 */
export function validateTaskName(taskName: unknown): asserts taskName is string {
  if (!taskName || typeof taskName !== 'string') {
    throw new BgkitError('invalid-name', '`taskName` must be a non-empty string.', { taskName });
  }
}

/** An interval option: a finite number above zero, or undefined for the default. */
export function validateInterval(name: string, value: unknown, unit: 'minutes' | 'seconds'): asserts value is number | undefined {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new BgkitError('invalid-argument', `${name} must be a positive number of ${unit} (got ${String(value)}).`, { [name]: value });
  }
}

/** An options argument: undefined or a plain object. */
export function validateOptions(name: string, options: unknown): asserts options is Record<string, unknown> | undefined {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new BgkitError('invalid-argument', `${name} takes an options object.`, { options });
  }
}

export function validateBoolean(name: string, value: unknown): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new BgkitError('invalid-argument', `${name} must be a boolean (got ${String(value)}).`, { [name]: value });
  }
}
