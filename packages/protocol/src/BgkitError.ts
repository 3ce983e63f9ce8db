// SPDX-License-Identifier: MIT

/** Every error bgkit raises carries one of these codes, on the page and in the worker alike. */
export type BgkitErrorCode =
  | 'missing-trigger'
  | 'invalid-name'
  | 'invalid-entry-point'
  | 'entry-point-not-defined'
  | 'duplicate-entry-point'
  | 'invalid-trigger'
  | 'invalid-group'
  | 'invalid-argument'
  | 'invalid-arguments'
  | 'invalid-progress'
  | 'unsupported-trigger'
  | 'unsupported-condition'
  /** A trigger that needs an opt-in the worker never called (`details.enable` names it, e.g. `enableBackgroundFetch`). */
  | 'trigger-not-enabled'
  | 'not-registered'
  | 'no-service-worker'
  | 'unsupported-browser'
  | 'sw-timeout'
  | 'protocol-mismatch'
  | 'task-canceled'
  /** checkResult() of a run that failed and will be run again (`details`: its RetryInfo; `cause`: the run's error). */
  | 'task-retrying'
  /** A request that started nothing because the app's background access was denied (`disabledByPolicy`). */
  | 'disabled-by-policy'
  /** The error of a run whose handler asked for a retry (`task.retry()`) without giving one. */
  | 'retry-requested'
  | 'result-not-cloneable'
  | 'deferral-completed'
  | 'storage-error'
  /** IndexedDB refused a write because the origin's storage quota is used up (`details.name`: the browser's error). */
  | 'storage-full'
  | 'storage-version'
  | 'push-denied'
  | 'push-timeout'
  /** The push subscription failed with notifications granted: no push service could be reached. */
  | 'push-unavailable'
  | 'notifications-denied'
  | 'devtools-disabled'
  | 'wait-timeout'
  | 'context-offline'
  | 'missing-dependency'
  /** An API the web has no honest equivalent for (`details.api` names it), e.g. a Capacitor runner global. */
  | 'unsupported-api';

/**
 * The one error class of bgkit. `code` is stable and meant for programs; `message` is for people.
 * It crosses the page↔worker boundary with its code and details intact.
 */
export class BgkitError extends Error {
  override readonly name = 'BgkitError';
  // Assigned in the constructor: declared only, so that they are not first defined empty.
  declare readonly code: BgkitErrorCode;
  declare readonly details: Record<string, unknown> | undefined;

  constructor(
    code: BgkitErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    // Production builds of the page leave the sentence out (it is development-only prose): the code, the
    // details and this pointer to the README's error table still say what happened.
    super(message || `${code} (see "Errors" in the bgkit README; specifics in error.details)`, options);
    this.code = code;
    this.details = details;
  }
}

/** True for a `BgkitError`, also one rebuilt from another context (where `instanceof` may not hold). */
export function isBgkitError(value: unknown, code?: BgkitErrorCode): value is BgkitError {
  return (
    value instanceof Error &&
    value.name === 'BgkitError' &&
    typeof (value as BgkitError).code === 'string' &&
    (code === undefined || (value as BgkitError).code === code)
  );
}
