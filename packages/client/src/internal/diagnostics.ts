// SPDX-License-Identifier: MIT
// What the worker knows beyond the task model, for diagnostic views (the devtools panel, an app's activity
// list): the run history of every task, the pending triggers and the device state it believes. Exported by
// @bgkit/client/devtools; BackgroundExecutionManager keeps deprecated aliases until 0.3.
import type { DeviceState, PendingRecord, RunQuery, RunRecord } from '@bgkit/protocol';
import { call } from './connection.js';

/** What the worker believes about the device (online, user present, time zone, power), as pages reported it. */
export function deviceState(): Promise<DeviceState> {
  return call('device');
}

/** Triggers waiting for their task's conditions, and retries waiting for their time (`dueAt`), oldest first. */
export function pendingTriggers(): Promise<PendingRecord[]> {
  return call('pending');
}

/** The run history of every task, newest first (at most `limit`, default 50). */
export function runs(query: RunQuery = {}): Promise<RunRecord[]> {
  return call('runs', query);
}

/** Development builds only: `read`, saying where it moved the first time it is called. */
export function moved<A extends unknown[], T>(name: string, read: (...args: A) => T): (...args: A) => T {
  let warned = false;
  return (...args) => {
    if (!warned) console.warn(`bgkit: BackgroundExecutionManager's diagnostics moved: use ${name}() from @bgkit/client/devtools (the old names go in 0.3).`);
    warned = true;
    return read(...args);
  };
}
