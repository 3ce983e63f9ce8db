// SPDX-License-Identifier: MIT
// The records bgkit keeps in IndexedDB and hands to pages as they are: registrations, runs, pending triggers,
// and the shapes inside them (triggers, conditions, trigger details, device signals). Types only.
import type { BackgroundFetchEventKind, BackgroundTaskCancellationReason, BackgroundWorkCostValue, SystemConditionType, SystemTriggerType } from './vocabulary.js';
import type { RetryPolicy } from './retryPolicy.js';

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'canceled';

/** A trigger as stored and sent over the wire. Grows a member per trigger kind. */
export type TriggerSpec =
  | { type: 'application' }
  /** `freshnessTime` in minutes (at least 15, as Windows); a one-shot trigger runs once and is then done. */
  | { type: 'time'; freshnessTime: number; oneShot: boolean }
  /** As `time`, but runs only on AC power; a running instance is canceled with `abort` when power goes to battery. */
  | { type: 'maintenance'; freshnessTime: number; oneShot: boolean }
  | { type: 'push' }
  /** A click on a notification (its body or an action button): `notificationclick`. */
  | { type: 'toastAction' }
  /** A notification closed by the user: `notificationclose`. */
  | { type: 'toastHistoryChanged' }
  | { type: 'system'; systemType: SystemTriggerType; oneShot: boolean }
  /** A Background Fetch the page started for this task ended or was clicked: `backgroundfetch*` (Chromium; opt-in). */
  | { type: 'backgroundFetch' };

/** What open pages can see of the device and tell the worker, which sees none of it itself. */
export interface DeviceSignals {
  online?: boolean;
  userPresent?: boolean;
  timeZone?: string;
  /** Charging or plugged in (Battery Status API); unknown where the browser has no such API. */
  onAC?: boolean;
  /** Battery level from 0 to 1. */
  batteryLevel?: number;
  /** The user asked to save data (Network Information API). */
  saveData?: boolean;
  /** `slow-2g`, `2g`, `3g` or `4g` (Network Information API). */
  effectiveType?: string;
  /** `wifi`, `ethernet`, `cellular`, … where the browser tells (Network Information API, mostly on Android). */
  connectionType?: string;
  /** Whether any window of the app is open; the worker works this out itself (pages cannot know of each other). */
  sessionConnected?: boolean;
}

/** A page's report on the wire (WorkerApi.relay): its signals, or that it is going away. */
export interface DeviceReport extends DeviceSignals {
  /** Sent by a page that is going away (pagehide); nothing else in that report is taken. */
  leaving?: boolean;
}

/** What a devtools simulation may set of the device: any signal, and a work cost, which pages never report. */
export interface DeviceOverrides extends DeviceSignals {
  workCost?: BackgroundWorkCostValue;
}

/** The device state the worker believes, and which of its fields a devtools simulation currently overrides. */
export interface DeviceState extends DeviceOverrides {
  simulated?: (keyof DeviceOverrides)[];
}

/** `triggerDetails` of a run started by a notification click (`action` is '' for the body) or close. */
export interface ToastTriggerDetails {
  action: string;
  tag: string;
  /** The notification's data; for notifications shown with showTaskNotification, `{ value, bgkit }`. */
  data: unknown;
  /** The notification's title. */
  title: string;
}

/** `triggerDetails` of a run started by a SystemTrigger. */
export interface SystemTriggerDetails {
  systemType: SystemTriggerType;
}

/** A push subscription as `PushSubscription.toJSON()` gives it (the DOM's PushSubscriptionJSON; this module has no DOM lib). */
export interface PushSubscriptionJSON {
  endpoint?: string;
  expirationTime?: number | null;
  keys?: Record<string, string>;
}

/**
 * `triggerDetails` of a `controlChannelReset` run: the worker's `pushsubscriptionchange` (the push channel was
 * reset, refreshed or revoked). Each subscription is null where the browser gives none (Firefox may give
 * neither: https://github.com/w3c/push-api/issues/325): the task then re-subscribes with the app's own options.
 */
export interface ControlChannelResetTriggerDetails extends SystemTriggerDetails {
  systemType: 'controlChannelReset';
  oldSubscription: PushSubscriptionJSON | null;
  newSubscription: PushSubscriptionJSON | null;
  /**
   * The old subscription's options (its JSON leaves them out): pass them to `pushManager.subscribe()` for an
   * equal subscription. Null without an old subscription.
   */
  options: { userVisibleOnly: boolean; applicationServerKey: ArrayBuffer | null } | null;
}
export type TriggerType = TriggerSpec['type'];

/** A condition as stored and sent over the wire. */
export interface ConditionSpec {
  type: SystemConditionType;
}

/** A trigger that fired while its task's conditions did not hold: it runs as soon as they do. */
export interface PendingRecord {
  id: string;
  taskId: string;
  name: string;
  source: TriggerSource;
  triggerDetails: unknown;
  createdAt: number;
  /** A retry: not before this time (kit clock), and which attempt it is. */
  dueAt?: number;
  attempt?: number;
}

/** What fired a run: the trigger's own event source, or a simulation. */
export type TriggerSource =
  | 'application'
  | 'periodicsync'
  | 'catch-up'
  | 'push'
  | 'sync'
  | 'notificationclick'
  | 'notificationclose'
  | 'pushsubscriptionchange'
  | 'page'
  | 'worker'
  | 'simulated'
  /** The end (or a click on the download UI) of a Background Fetch started by a BackgroundFetchTrigger. */
  | 'backgroundfetchsuccess'
  | 'backgroundfetchfail'
  | 'backgroundfetchabort'
  | 'backgroundfetchclick'
  /** A run again of a run that asked for it (`task.retry()`), after its backoff delay. */
  | 'retry';

/** When a time-triggered task is next expected to run, and what will wake it. */
export interface Schedule {
  nextRunTime: number;
  /** When a run last claimed a slot; a periodicsync soon after a catch-up run is not a new period. */
  lastRunAt?: number;
  /** `periodicsync` where the browser granted Periodic Background Sync; else `catch-up` on the next worker wake. */
  via: 'periodicsync' | 'catch-up';
}

export interface GroupRecord {
  id: string;
  name: string;
}

/** What a builder says about a task; compared as a whole to decide whether a re-registration changes it. */
export interface TaskSettings {
  name: string;
  entryPoint: string;
  trigger: TriggerSpec;
  conditions: ConditionSpec[];
  cancelOnConditionLoss: boolean;
  isNetworkRequested: boolean;
}

/** On a run that failed (or was killed) and will be run again: the next attempt, when, and its instance id. */
export interface RetryInfo {
  /** The next run's attempt number (2 for the first retry). */
  attempt: number;
  /** Attempts the policy allows in all. */
  maxAttempts: number;
  /** When the next attempt is due, in the kit clock's milliseconds since the epoch. */
  at: number;
  /** The instance id the next attempt will have. */
  instanceId: string;
}

export interface RegistrationRecord extends TaskSettings {
  taskId: string;
  /** Absent (not null) when ungrouped, so the group index skips the record. */
  groupId?: string;
  createdAt: number;
  schedule?: Schedule;
  /** How runs that ask for it (`task.retry()`) are run again, stored whole. Absent: DEFAULT_RETRY_POLICY. */
  retryPolicy?: RetryPolicy;
}

/** `triggerDetails` of a run started by a push message. */
export interface PushTriggerDetails {
  /** The payload as text; null for a push without data. */
  text: string | null;
  /** The payload parsed as JSON, when it parses. */
  json?: unknown;
}

/**
 * `triggerDetails` of a run started by a Background Fetch, read during its event: the browser's
 * BackgroundFetchRegistration (its `result`, `failureReason`, totals) and each record's URL and response
 * status (null: no response, e.g. aborted). The responses themselves are only readable while the event
 * lasts: see `backgroundFetchEvent(task)` in @bgkit/sw.
 */
export interface BackgroundFetchTriggerDetails {
  /** The fetch's id (`bgkit-fetch:<taskId>:<uuid>`). */
  id: string;
  event: BackgroundFetchEventKind;
  /** '' while still running (a click during the fetch), else 'success' or 'failure'. */
  result: '' | 'success' | 'failure';
  /** '' or the browser's reason: 'aborted', 'bad-status', 'fetch-error', 'quota-exceeded', 'download-total-exceeded'. */
  failureReason: string;
  downloaded: number;
  downloadTotal: number;
  uploaded: number;
  uploadTotal: number;
  /**
   * In the browser's order, not necessarily the requests' (seen in Chromium, b before a in one run of three of
   * e2e/tests/background-fetch.spec.ts, "a real background fetch runs its task: the page sees the browser
   * progress, the run lists the records and reads their bodies", which compares them sorted).
   */
  records: { url: string; method: string; status: number | null }[];
}

/** An error as a run's record keeps it and a CallReply carries it: a BgkitError keeps its code and details. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  details?: Record<string, unknown>;
}

/** One run of a task, as kept in the history. */
export interface RunRecord {
  instanceId: string;
  taskId: string;
  name: string;
  entryPoint: string;
  trigger: TriggerType;
  source: TriggerSource;
  triggerDetails: unknown;
  status: RunStatus;
  progress: number;
  /**
   * Milliseconds since the epoch. A run created in the same millisecond as the one before it (in the same
   * worker lifetime) is a microsecond later, so the history keeps their order; a clock set back by more than
   * a second starts the sequence again.
   */
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  result?: unknown;
  error?: SerializedError;
  cancelReason?: BackgroundTaskCancellationReason;
  /** Which attempt this run is: 1 for a first run, more for a retry (WorkManager's runAttemptCount + 1). Absent on runs stored before retries existed. */
  attempt?: number;
  /** Set on a failed (or killed) run that will be run again; absent when it failed for good. */
  retry?: RetryInfo;
}

/** A run as the worker stores it (and sends it: pages see the RunRecord part). */
export interface StoredRun extends RunRecord {
  /** The worker lifetime that ran it; a run left `running` by a dead lifetime was killed with it. */
  bootId: string;
}

