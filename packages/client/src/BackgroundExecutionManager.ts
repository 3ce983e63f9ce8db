// SPDX-License-Identifier: MIT
import type { BackgroundAccessStatus, DeviceSignals, PendingRecord, RunQuery } from '@bgkit/sw/protocol';
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

/** Windows' BackgroundExecutionManager: whether this app may run background work here. */
export class BackgroundExecutionManager {
  private constructor() {}

  /**
   * Asks for what background work needs and reports the outcome. Persistent storage granted means the
   * browser will not evict the task state: `alwaysAllowed`; otherwise `allowedSubjectToSystemPolicy`.
   * Without service workers: `deniedBySystemPolicy`.
   */
  static async requestAccess(): Promise<BackgroundAccessStatus> {
    if (!isSupported()) return 'deniedBySystemPolicy';
    const status: BackgroundAccessStatus = (await persisted(true)) ? 'alwaysAllowed' : 'allowedSubjectToSystemPolicy';
    await call('setAccess', status);
    return status;
  }

  /** The current status, without prompting: `unspecified` until requestAccess() was called. */
  static async getAccessStatus(): Promise<BackgroundAccessStatus> {
    if (!isSupported()) return 'deniedBySystemPolicy';
    if ((await call('getAccess')) === null) return 'unspecified';
    return (await persisted(false)) ? 'alwaysAllowed' : 'allowedSubjectToSystemPolicy';
  }

  /** Unregisters every task (running ones are canceled with `abort`) and forgets the access status. */
  static async removeAccess(): Promise<void> {
    await call('unregisterAll', true);
    await call('setAccess', null);
    await listAll();
  }

  /** What the worker believes about the device (online, user present, time zone, power), as pages reported it. */
  static deviceState(): Promise<DeviceSignals> {
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
