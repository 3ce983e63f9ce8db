// SPDX-License-Identifier: MIT
import type { BackgroundAccessStatus, DeviceState, PendingRecord, RunQuery } from '@bgkit/sw/protocol';
import type { BackgroundTaskRun } from './BackgroundTaskRegistration.js';
import { call, isSupported } from './internal/connection.js';
import { listAll } from './internal/registry.js';

/** What `read` finds, or false where the browser lacks the API or refuses to tell. */
async function granted(read: () => Promise<boolean>): Promise<boolean> {
  try {
    return await read();
  } catch {
    return false;
  }
}

/**
 * Maps what the registered tasks need onto Windows' statuses: push tasks need notification permission
 * (browsers show push only with it), time and maintenance tasks are best served by periodic background sync,
 * and persistent storage keeps the task state from being evicted.
 */
async function evaluate(prompt: boolean): Promise<BackgroundAccessStatus> {
  const types = (await call('list')).registrations.map((r) => r.trigger.type);
  const needsNotifications = types.includes('push');
  const notifications = needsNotifications && typeof Notification !== 'undefined';
  if (notifications) {
    let permission = Notification.permission;
    if (permission === 'default' && prompt) permission = await Notification.requestPermission();
    if (permission === 'denied') return 'deniedByUser';
  }
  const { storage } = navigator;
  const persisted = await granted(() => (prompt && storage.persist ? storage.persist() : storage.persisted()));
  // Periodic sync cannot be asked for (Chromium grants it to installed, engaged apps); without it, time
  // triggers still run, at the worker's wakes: allowed, subject to the system's policy.
  const periodic =
    !(types.includes('time') || types.includes('maintenance')) ||
    (await granted(async () => (await navigator.permissions.query({ name: 'periodic-background-sync' } as unknown as PermissionDescriptor)).state === 'granted'));
  return persisted && periodic && (!needsNotifications || (notifications && Notification.permission === 'granted'))
    ? 'alwaysAllowed'
    : 'allowedSubjectToSystemPolicy';
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
    const status = await evaluate(true);
    await call('setAccess', status);
    return status;
  }

  /** The same status without prompting: `unspecified` until requestAccess() was called. */
  static async getAccessStatus(): Promise<BackgroundAccessStatus> {
    if (!isSupported()) return 'deniedBySystemPolicy';
    if ((await call('getAccess')) === null) return 'unspecified';
    return evaluate(false);
  }

  /** Unregisters every task (running ones are canceled with `abort`) and forgets the access status. */
  static async removeAccess(): Promise<void> {
    await call('unregisterAll', true);
    await call('setAccess', null);
    await listAll();
  }

  /** What the worker believes about the device (online, user present, time zone, power), as pages reported it. */
  static deviceState(): Promise<DeviceState> {
    return call('device');
  }

  /** Triggers waiting for their task's conditions to hold, oldest first. */
  static pending(): Promise<PendingRecord[]> {
    return call('pending');
  }

  /** The run history of every task, newest first (at most `limit`, default 50). */
  static runs(query: RunQuery = {}): Promise<BackgroundTaskRun[]> {
    return call('runs', query);
  }
}
