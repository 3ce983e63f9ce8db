// SPDX-License-Identifier: MIT
import type { BackgroundAccessStatus } from '@bgkit/protocol';
import { call, isSupported, within } from './internal/connection.js';
import { listAll } from './BackgroundTaskRegistration.js';
import { moved, deviceState, pendingTriggers, runs } from './internal/diagnostics.js';
import { DEV } from './internal/dev.js';

/**
 * What `read` finds, or false where the browser lacks the API, refuses to tell, or does not answer within
 * PROMPT_LIMIT_MS: a permission prompt nobody answers (Firefox asks before persisting storage) must not hold
 * requestAccess() for ever (e2e/engines/access-push.test.ts, "requestAccess() settles although nobody answers
 * the persistent-storage prompt").
 */
async function granted(read: () => Promise<boolean>): Promise<boolean> {
  try {
    return (await within(read(), PROMPT_LIMIT_MS)) === true;
  } catch {
    return false;
  }
}

/** A part of access that the registered tasks need and the browser has not granted (see getAccessReport()). */
export type BackgroundAccessPart = 'notifications' | 'persistentStorage' | 'periodicSync';

/** Why the access status is what it is: the status, and each part the registered tasks need but lack. */
export interface BackgroundAccessReport {
  status: BackgroundAccessStatus;
  /** Empty when `status` is `alwaysAllowed`; what keeps it from being so otherwise. */
  missing: BackgroundAccessPart[];
}

/** How long requestAccess() waits for the browser to answer about a permission. */
const PROMPT_LIMIT_MS = 10_000;

/**
 * Maps what the registered tasks need onto Windows' statuses: push tasks need notification permission
 * (browsers show push only with it), time and maintenance tasks are best served by periodic background sync,
 * and persistent storage keeps the task state from being evicted.
 */
async function evaluate(prompt: boolean): Promise<BackgroundAccessReport> {
  // The registered trigger types, as one string for the checks below.
  const types = String((await call('list')).registrations.map((r) => r.trigger.type));
  const missing: BackgroundAccessPart[] = [];
  // Push tasks, and notification tasks (they fire only on the app's own notifications), need notifications.
  if (/push|toast/.test(types)) {
    // Undefined without a Notification API (push cannot be shown, but nothing was denied); a prompt left
    // unanswered counts as not granted once PROMPT_LIMIT_MS has passed.
    if (prompt && globalThis.Notification?.permission === 'default') await within(Notification.requestPermission(), PROMPT_LIMIT_MS);
    // What the browser keeps counts, not what its prompt said: WebKitGTK answers "denied" but keeps "default"
    // (and asks again next time), and getAccessStatus(), which cannot prompt, reads the kept one
    // (e2e/engines/access-push.test.ts, "requestAccess() and getAccessStatus() agree when the notification
    // prompt answers "denied" but the browser keeps "default"").
    const permission: unknown = globalThis.Notification?.permission;
    if (permission === 'denied') return { status: 'deniedByUser', missing: ['notifications'] };
    if (permission !== 'granted') missing.push('notifications');
  }
  const { storage } = navigator;
  if (!(await granted(() => (prompt && storage.persist ? storage.persist() : storage.persisted())))) {
    missing.push('persistentStorage');
  }
  // Periodic sync cannot be asked for: Chromium grants it to installed apps only, and never prompts
  // (https://source.chromium.org/chromium/chromium/src/+/main:chrome/browser/background_sync/periodic_background_sync_permission_context.h;
  // a page lacks it: e2e/tests/access.spec.ts, "names each part the registered tasks need and lack"). Without
  // it, time triggers still run, at the worker's wakes: allowed, subject to the system's policy.
  if (
    /time|main/.test(types) &&
    !(await granted(async () => (await navigator.permissions.query({ name: 'periodic-background-sync' } as unknown as PermissionDescriptor)).state === 'granted'))
  ) {
    missing.push('periodicSync');
  }
  return { status: missing.length ? 'allowedSubjectToSystemPolicy' : 'alwaysAllowed', missing };
}

/** Windows' BackgroundExecutionManager: whether this app may run background work here. */
export class BackgroundExecutionManager {
  private constructor() {}

  /**
   * Asks for what the registered tasks need (notification permission for push tasks, persistent storage)
   * and reports the outcome: `alwaysAllowed` when everything they need is granted (periodic background sync
   * included, for time triggers); `allowedSubjectToSystemPolicy` when they will run, but as the browser
   * allows; `deniedByUser` when the user refused notifications that push tasks need; `deniedBySystemPolicy`
   * without service workers. Call it again after registering new kinds of task.
   */
  static async requestAccess(): Promise<BackgroundAccessStatus> {
    if (!isSupported()) return 'deniedBySystemPolicy';
    const { status } = await evaluate(true);
    await call('setAccess', status);
    return status;
  }

  /** The same status without prompting: `unspecified` until requestAccess() was called. */
  static async getAccessStatus(): Promise<BackgroundAccessStatus> {
    return (await this.getAccessReport()).status;
  }

  /**
   * The access status, without prompting, and what keeps it from being `alwaysAllowed`: `missing` lists the
   * parts the registered tasks need and lack (`notifications` for push tasks, `persistentStorage`,
   * `periodicSync` for time and maintenance tasks).
   */
  static async getAccessReport(): Promise<BackgroundAccessReport> {
    if (!isSupported()) return { status: 'deniedBySystemPolicy', missing: [] };
    if ((await call('getAccess')) === null) return { status: 'unspecified', missing: [] };
    return evaluate(false);
  }

  /**
   * Unregisters every task and forgets the access status; running runs are canceled with `uninstall` (Windows'
   * reason when the app's background access goes), by the worker as it forgets the access.
   */
  static async removeAccess(): Promise<void> {
    await call('setAccess', null);
    await call('unregisterAll', true);
    await listAll();
  }

  // The diagnostics below moved to @bgkit/client/devtools (a Windows-named class is no place for them); these
  // aliases stay, deprecated, until 0.3. In development builds each says so, once.

  /** @deprecated Use `deviceState()` from `@bgkit/client/devtools`; this goes in 0.3. */
  static deviceState: typeof deviceState = DEV ? moved('deviceState', deviceState) : deviceState;

  /** @deprecated Use `pendingTriggers()` from `@bgkit/client/devtools`; this goes in 0.3. */
  static pending: typeof pendingTriggers = DEV ? moved('pendingTriggers', pendingTriggers) : pendingTriggers;

  /** @deprecated Use `runs(query)` from `@bgkit/client/devtools`; this goes in 0.3. */
  static runs: typeof runs = DEV ? moved('runs', runs) : runs;
}
