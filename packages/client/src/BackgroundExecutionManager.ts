// SPDX-License-Identifier: MIT
import type { BackgroundAccessStatus, DeviceState, PendingRecord, RunQuery } from '@bgkit/sw/protocol';
import type { BackgroundTaskRun } from './BackgroundTaskRegistration.js';
import { call, isSupported } from './internal/connection.js';
import { listAll } from './internal/registry.js';

async function persisted(prompt: boolean): Promise<boolean> {
  try {
    const storage = navigator.storage;
    if (!storage) return false;
    return prompt && storage.persist ? await storage.persist() : await storage.persisted();
  } catch {
    return false;
  }
}

async function permissionState(name: string): Promise<PermissionState | 'unsupported'> {
  try {
    return (await navigator.permissions.query({ name } as unknown as PermissionDescriptor)).state;
  } catch {
    return 'unsupported';
  }
}

/**
 * Maps what the registered tasks need onto Windows' statuses: push tasks need notification permission
 * (browsers show push only with it), time and maintenance tasks are best served by periodic background sync,
 * and persistent storage keeps the task state from being evicted.
 */
async function evaluate(prompt: boolean): Promise<BackgroundAccessStatus> {
  const { registrations } = await call('list');
  const needsNotifications = registrations.some((r) => r.trigger.type === 'push');
  const needsPeriodic = registrations.some((r) => r.trigger.type === 'time' || r.trigger.type === 'maintenance');
  if (needsNotifications && typeof Notification !== 'undefined') {
    let permission = Notification.permission;
    if (permission === 'default' && prompt) permission = await Notification.requestPermission();
    if (permission === 'denied') return 'deniedByUser';
  }
  const storage = await persisted(prompt);
  // Periodic sync cannot be asked for (Chromium grants it to installed, engaged apps); without it, time
  // triggers still run, at the worker's wakes: allowed, subject to the system's policy.
  const periodic = !needsPeriodic || (await permissionState('periodic-background-sync')) === 'granted';
  const notifications = !needsNotifications || (typeof Notification !== 'undefined' && Notification.permission === 'granted');
  return storage && periodic && notifications ? 'alwaysAllowed' : 'allowedSubjectToSystemPolicy';
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
