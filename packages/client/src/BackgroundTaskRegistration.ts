// SPDX-License-Identifier: MIT
import type { RegistrationRecord, RetryPolicy, RunQuery, RunRecord } from '@bgkit/protocol';
import type { BackgroundTaskRegistrationEventMap } from './BackgroundTaskEvents.js';
import type { BackgroundTaskRegistrationGroup } from './BackgroundTaskRegistrationGroup.js';
import { call } from './internal/connection.js';
import { forget, listAll, listGroups } from './internal/registry.js';
import { SystemCondition } from './SystemCondition.js';
import type { BackgroundTrigger } from './triggers/BackgroundTrigger.js';

/** @internal */
export const kRecord = Symbol('bgkit.record');

/** One run of a task, as the history keeps it. */
export type BackgroundTaskRun = RunRecord;

export interface BackgroundTaskRegistration {
  addEventListener<K extends keyof BackgroundTaskRegistrationEventMap>(
    type: K,
    listener: (this: BackgroundTaskRegistration, ev: BackgroundTaskRegistrationEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof BackgroundTaskRegistrationEventMap>(
    type: K,
    listener: (this: BackgroundTaskRegistration, ev: BackgroundTaskRegistrationEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/**
 * A registered background task. Listen for `progress` and `completed`: they arrive in every open page,
 * whichever page started the run.
 */
export class BackgroundTaskRegistration extends EventTarget {
  // Declared, not defined, here and in the kit's other classes: the constructor sets every one of them, and
  // a field definition would repeat each name in the bundle for nothing.
  declare readonly taskId: string;
  declare readonly name: string;
  declare readonly taskEntryPoint: string;
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
    this.taskEntryPoint = record.entryPoint;
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
