// SPDX-License-Identifier: MIT
// The live registration objects of this page: BackgroundTaskRegistration, BackgroundTaskRegistrationGroup, and
// the registry that keeps one object per task id and group id (so listeners attached anywhere hear every
// event) and routes the worker's announcements to them. One module because each side constructs the other:
// a registration's group is a group object, a group lists its registrations, and both classes' lookups
// build objects of both; split apart, they formed an import cycle (scripts/import-graph.mjs checks for none).
import { storageName, validateGroup, type BroadcastMessage, type GroupRecord, type RegistrationRecord, type RetryPolicy, type RunQuery, type RunRecord } from '@bgkit/protocol';
import { BackgroundTaskCompletedEvent, BackgroundTaskProgressEvent, type BackgroundTaskRegistrationEventMap } from './BackgroundTaskEvents.js';
import { call, workerScope } from './internal/connection.js';
import { startRelay } from './internal/relay.js';
import { SystemCondition } from './SystemCondition.js';
import { kTasks, type BackgroundTrigger } from './triggers/BackgroundTrigger.js';
import { triggerFromSpec } from './triggers/fromSpec.js';

// The registry's way to hand a live object a newer record of its task (not part of the public type).
const kRecord = Symbol();

/** One run of a task, as the history keeps it. */
export type BackgroundTaskRun = RunRecord;

export interface BackgroundTaskRegistration<E extends string = string> {
  addEventListener<K extends keyof BackgroundTaskRegistrationEventMap>(
    type: K,
    listener: (this: BackgroundTaskRegistration<E>, ev: BackgroundTaskRegistrationEventMap<E>[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof BackgroundTaskRegistrationEventMap>(
    type: K,
    listener: (this: BackgroundTaskRegistration<E>, ev: BackgroundTaskRegistrationEventMap<E>[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/**
 * A registered background task. Listen for `progress` and `completed`: they arrive in every open page,
 * whichever page started the run. `E`: its entry point, which types their arguments and `checkResult()` by
 * BgkitTasks (README, "Typed tasks"); `builder.register()` gives it from the builder's.
 */
export class BackgroundTaskRegistration<E extends string = string> extends EventTarget {
  // Declared, not defined, here and in the kit's other classes: the constructor sets every one of them, and
  // a field definition would repeat each name in the bundle for nothing.
  declare readonly taskId: string;
  declare readonly name: string;
  declare readonly taskEntryPoint: E;
  declare readonly trigger: BackgroundTrigger;
  declare readonly taskGroup: BackgroundTaskRegistrationGroup | null;
  declare readonly cancelOnConditionLoss: boolean;
  declare readonly isNetworkRequested: boolean;
  declare readonly conditions: readonly SystemCondition[];
  /**
   * The task's retry policy as stored, defaults filled in; null when none was set (DEFAULT_RETRY_POLICY then
   * applies). A registration with another policy is another registration (another task id).
   */
  declare readonly retryPolicy: RetryPolicy | null;
  #record: RegistrationRecord;

  /** Not for apps: registrations come from BackgroundTaskBuilder.register() and allTasks(). */
  constructor(record: RegistrationRecord, trigger: BackgroundTrigger, group: BackgroundTaskRegistrationGroup | null) {
    super();
    this.taskId = record.taskId;
    this.name = record.name;
    this.taskEntryPoint = record.entryPoint as E;
    this.trigger = trigger;
    this.taskGroup = group;
    this.cancelOnConditionLoss = record.cancelOnConditionLoss;
    this.isNetworkRequested = record.isNetworkRequested;
    this.conditions = Object.freeze(record.conditions.map((c) => new SystemCondition(c.type)));
    this.retryPolicy = record.retryPolicy ?? null;
    this.#record = record;
  }

  /**
   * When a time-triggered task is next expected to run (as of the last look at the worker's records), or
   * null for triggers that have no schedule.
   */
  get nextRunTime(): Date | null {
    const next = this.#record.schedule?.nextRunTime;
    return next === undefined ? null : new Date(next);
  }

  /** `'periodicsync'` when the browser will wake the worker for it; `'catch-up'` when the next wake runs it. */
  get scheduledVia(): 'periodicsync' | 'catch-up' | null {
    return this.#record.schedule?.via ?? null;
  }

  /** @internal Refreshes what the worker last said about this task. */
  [kRecord](record: RegistrationRecord): void {
    this.#record = record;
  }

  /** Removes the task. With `cancelTask`, running instances are canceled with reason `abort`; without, they finish. */
  async unregister(cancelTask: boolean): Promise<void> {
    await call('unregister', this.taskId, cancelTask === true);
    forget(this.taskId);
  }

  /** This task's run history, newest first. */
  runs(query: Omit<RunQuery, 'taskId'> = {}): Promise<BackgroundTaskRun[]> {
    return call('runs', { ...query, taskId: this.taskId });
  }

  /** Every registered task that is in no group, by task id (as Windows' AllTasks). */
  static async allTasks(): Promise<Map<string, BackgroundTaskRegistration>> {
    return new Map((await listAll()).filter((r) => !r.taskGroup).map((r) => [r.taskId, r]));
  }

  /** Every group that has registered tasks, by group id. */
  static async allTaskGroups(): Promise<Map<string, BackgroundTaskRegistrationGroup>> {
    return new Map((await listGroups()).map((g) => [g.id, g]));
  }

  /** The group with that id, or null when no registered task is in it. */
  static async getTaskGroup(groupId: string): Promise<BackgroundTaskRegistrationGroup | null> {
    return (await this.allTaskGroups()).get(groupId) ?? null;
  }
}

/**
 * A namespace for registrations, so a library can manage its own tasks without touching the app's. Use a
 * reverse-DNS or otherwise unique id.
 */
export class BackgroundTaskRegistrationGroup {
  declare readonly id: string;
  declare readonly name: string;

  constructor(id: string, name = '') {
    validateGroup(id, name);
    this.id = id;
    this.name = name;
  }

  /** The tasks registered in this group, by task id. */
  async allTasks(): Promise<Map<string, BackgroundTaskRegistration>> {
    return new Map((await listAll()).filter((r) => r.taskGroup?.id === this.id).map((r) => [r.taskId, r]));
  }
}

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
