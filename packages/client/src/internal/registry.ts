// SPDX-License-Identifier: MIT
// One live object per task id and per group id in this page, so listeners attached anywhere hear every event.
import { storageName, type BroadcastMessage, type GroupRecord, type RegistrationRecord } from '@bgkit/protocol';
import { BackgroundTaskCompletedEvent, BackgroundTaskProgressEvent } from '../BackgroundTaskEvents.js';
import { BackgroundTaskRegistration, kRecord } from '../BackgroundTaskRegistration.js';
import { BackgroundTaskRegistrationGroup } from '../BackgroundTaskRegistrationGroup.js';
import { kTasks, type BackgroundTrigger } from '../triggers/BackgroundTrigger.js';
import { triggerFromSpec } from '../triggers/fromSpec.js';
import { call, workerScope } from './connection.js';
import { startRelay } from './relay.js';

const tasks = new Map<string, BackgroundTaskRegistration>();
// Unregistered tasks still hear about their last runs (unregister(true) cancels them just after it returns).
const retired = new Map<string, BackgroundTaskRegistration>();
const groups = new Map<string, BackgroundTaskRegistrationGroup>();
const told = new Set<string>();
let routing = false;

/**
 * Starts hearing what the worker announces, once the first registration object exists. The channel is
 * named by the worker's scope, which the call that made that object has found; it never opens at import
 * (SSR-safe).
 */
function route(): void {
  if (routing) return;
  routing = true;
  startRelay();
  if (typeof BroadcastChannel === 'undefined') return;
  new BroadcastChannel(storageName(workerScope)).onmessage = ({ data: message }: MessageEvent<BroadcastMessage>) => {
    if (message.kind === 'progress') {
      (tasks.get(message.taskId) ?? retired.get(message.taskId))?.dispatchEvent(new BackgroundTaskProgressEvent(message.instanceId, message.progress, message.arguments));
    } else if (message.kind === 'completed') {
      // A run is announced again by the next worker when the last one may have died before noting it had
      // told the pages: heard once per page. Up to 1000 runs are remembered, then the memory starts afresh
      // (a repeat comes at the next worker start, within a minute of the kill while a page is open).
      const id = message.run.instanceId;
      if (told.has(id)) return;
      if (told.size > 999) told.clear();
      told.add(id);
      (tasks.get(message.run.taskId) ?? retired.get(message.run.taskId))?.dispatchEvent(new BackgroundTaskCompletedEvent(message.run));
    } else if (message.kind === 'registrations') {
      refreshSoon();
    }
  };
}

let refreshing: ReturnType<typeof setTimeout> | undefined;

/** Another page (or a one-shot trigger) changed the registry: retire objects of tasks that are gone. */
function refreshSoon(): void {
  if (refreshing || tasks.size === 0) return;
  refreshing = setTimeout(() => {
    refreshing = undefined;
    listAll().catch(() => undefined);
  }, 50);
}

/**
 * The one object for a group id: the first seen, so a group object the app made itself (and set on a
 * builder) is the one lookups by id return.
 */
export function groupFor(group: GroupRecord | BackgroundTaskRegistrationGroup): BackgroundTaskRegistrationGroup {
  if (!groups.has(group.id)) {
    groups.set(group.id, group instanceof BackgroundTaskRegistrationGroup ? group : new BackgroundTaskRegistrationGroup(group.id, group.name));
  }
  return groups.get(group.id)!;
}

export function registrationFor(
  record: RegistrationRecord,
  groupRecord: GroupRecord | null | undefined,
  trigger?: BackgroundTrigger,
): BackgroundTaskRegistration {
  route();
  let registration = tasks.get(record.taskId);
  if (!registration) {
    const group = record.groupId && groupRecord ? groupFor(groupRecord) : null;
    registration = new BackgroundTaskRegistration(record, trigger ?? triggerFromSpec(record.trigger), group);
    tasks.set(record.taskId, registration);
  } else {
    registration[kRecord](record);
  }
  // A builder's trigger starts the task too when the task existed already, made with another trigger object.
  registration.trigger[kTasks]?.add(record.taskId);
  trigger?.[kTasks]?.add(record.taskId);
  return registration;
}

export function forget(taskId: string): void {
  const registration = tasks.get(taskId);
  if (!registration) return;
  registration.trigger[kTasks]?.delete(taskId);
  tasks.delete(taskId);
  retired.set(taskId, registration);
}

/** Every registered task, grouped or not, as live objects. Drops objects of tasks unregistered elsewhere. */
export async function listAll(): Promise<BackgroundTaskRegistration[]> {
  // Only objects that existed before the listing was taken may be retired by it: a task registered while
  // the listing was on its way is not in it, yet alive.
  const known = [...tasks.keys()];
  const { registrations, groups: groupRecords } = await call('list');
  const alive = new Set(registrations.map((r) => r.taskId));
  for (const id of known) if (!alive.has(id)) forget(id);
  return registrations.map((r) => registrationFor(r, groupRecords.find((g) => g.id === r.groupId)));
}

export async function listGroups(): Promise<BackgroundTaskRegistrationGroup[]> {
  const { groups: groupRecords } = await call('list');
  return groupRecords.map(groupFor);
}
