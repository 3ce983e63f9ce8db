// SPDX-License-Identifier: MIT
// The page↔worker wire protocol: message names, payloads and the shared vocabulary of the Windows model.
// Both @bgkit/client and @bgkit/sw import this module and nothing else of each other.
import { BgkitError, type BgkitErrorCode } from './BgkitError.js';

export { BgkitError, isBgkitError, type BgkitErrorCode } from './BgkitError.js';
export { validateRegisterInput, validateRetryPolicy, validateFreshness, validateDuration, validateSimulation, validateSystemType, MIN_FRESHNESS_MINUTES } from './validate.js';

/** Bumped whenever a message or payload below changes shape. */
export const PROTOCOL_VERSION = 1;
/**
 * The name of the database and of the BroadcastChannel for the worker of `scope`. Both are per scope: two
 * bgkit workers on one origin (different scopes) keep separate registrations and do not hear each other.
 */
export function storageName(scope: string | undefined): string {
  return scope ? `bgkit ${scope}` : 'bgkit';
}
/**
 * `type` of the message that carries one page→worker call. It comes with a MessagePort of its own, on which
 * the worker posts exactly one CallReply; the message event's waitUntil holds the worker up until then.
 * A call that asks for it (`ack: true`) also gets CallAcks on that port before the reply.
 */
export const CALL = 'bgkit:call';
/**
 * While it works on a call that asked for acknowledgements, the worker says so on the call's port this often
 * (after a first `'received'` at once). A page that hears nothing for ACK_SILENCE_MS knows the worker died
 * (a kill between delivery and reply) or never ran bgkit, and retries then instead of after its whole timeout.
 */
export const ACK_INTERVAL_MS = 1000;
export const ACK_SILENCE_MS = 2500;

export type BackgroundAccessStatus =
  | 'unspecified'
  | 'alwaysAllowed'
  | 'allowedSubjectToSystemPolicy'
  | 'deniedBySystemPolicy'
  | 'deniedByUser';

export const ACCESS_STATUSES: readonly BackgroundAccessStatus[] = ['unspecified', 'alwaysAllowed', 'allowedSubjectToSystemPolicy', 'deniedBySystemPolicy', 'deniedByUser'];

export type ApplicationTriggerResult = 'allowed' | 'currentlyRunning' | 'disabledByPolicy' | 'unknownError';

/** Windows' BackgroundTaskCancellationReason, camelCased. */
export type BackgroundTaskCancellationReason =
  | 'abort'
  | 'terminating'
  | 'loggingOff'
  | 'servicingUpdate'
  | 'idleTask'
  | 'uninstall'
  | 'conditionLoss'
  | 'systemPolicy'
  | 'quietHoursEntered'
  | 'executionTimeExceeded'
  | 'resourceRevocation'
  | 'energySaver';

export const CANCELLATION_REASONS: readonly BackgroundTaskCancellationReason[] = [
  'abort', 'terminating', 'loggingOff', 'servicingUpdate', 'idleTask', 'uninstall', 'conditionLoss', 'systemPolicy',
  'quietHoursEntered', 'executionTimeExceeded', 'resourceRevocation', 'energySaver',
];

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

/** Windows' SystemTriggerType, camelCased. Which of them the web can serve: see WEB_SYSTEM_TRIGGERS. */
export type SystemTriggerType =
  | 'smsReceived'
  | 'userPresent'
  | 'userAway'
  | 'networkStateChange'
  | 'controlChannelReset'
  | 'internetAvailable'
  | 'sessionConnected'
  | 'servicingComplete'
  | 'lockScreenApplicationAdded'
  | 'lockScreenApplicationRemoved'
  | 'timeZoneChange'
  | 'onlineIdConnectedStateChange'
  | 'backgroundWorkCostChange'
  | 'powerStateChange'
  | 'defaultSignInAccountChange';

export const SYSTEM_TRIGGER_TYPES: readonly SystemTriggerType[] = [
  'smsReceived', 'userPresent', 'userAway', 'networkStateChange', 'controlChannelReset', 'internetAvailable',
  'sessionConnected', 'servicingComplete', 'lockScreenApplicationAdded', 'lockScreenApplicationRemoved',
  'timeZoneChange', 'onlineIdConnectedStateChange', 'backgroundWorkCostChange', 'powerStateChange',
  'defaultSignInAccountChange',
];

/** The system triggers this version can fire; registering any other fails with `unsupported-trigger`. */
export const WEB_SYSTEM_TRIGGERS: readonly SystemTriggerType[] = [
  'internetAvailable', 'networkStateChange', 'userPresent', 'userAway', 'timeZoneChange', 'servicingComplete',
  'powerStateChange', 'backgroundWorkCostChange', 'sessionConnected', 'controlChannelReset',
];

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
  /** Sent by a page that is going away (pagehide); nothing else in that report is taken. */
  leaving?: boolean;
  /** A work cost forced by a devtools simulation; pages never report it. */
  workCost?: BackgroundWorkCostValue;
}

/** The device state the worker believes, and which of its fields a devtools simulation currently overrides. */
export interface DeviceState extends DeviceSignals {
  simulated?: (keyof DeviceSignals)[];
}

/**
 * What devtools (the panel, test drivers) can make a worker do, through the same code paths as the real
 * events. A worker accepts these only when its app called `enableDevtools()`.
 */
export type Simulation =
  /** Fire one task's own trigger now, with `details` where the trigger carries any (arguments, a push payload, a notification). */
  | { kind: 'fire'; taskId: string; details?: SimulatedFireDetails }
  /** A push message, delivered as a `push` event (payload as text; null for none). */
  | { kind: 'push'; payload: string | null }
  /** A click on a notification or one of its actions (`notificationclick`), or its close (`notificationclose`). */
  | { kind: 'notification'; event: 'click' | 'close'; tag?: string; action?: string; title?: string; data?: unknown }
  /** A `sync` event for `tag`, as the browser fires it on reconnect. */
  | { kind: 'sync'; tag: string; lastChance?: boolean }
  /** A `periodicsync` event for `tag` (`bgkit:<taskId>` for a bgkit time trigger). */
  | { kind: 'periodicsync'; tag: string }
  /** A `pushsubscriptionchange` event (the push channel was reset): fires `controlChannelReset`. Absent is null. */
  | { kind: 'pushsubscriptionchange'; oldSubscription?: PushSubscriptionJSON | null; newSubscription?: PushSubscriptionJSON | null }
  /** Override what the device reports (sticky until reset); transitions fire system triggers as real ones do. */
  | { kind: 'device'; signals: DeviceSignals }
  /** Drop every device override: the worker believes the pages' reports again. */
  | { kind: 'resetDevice' }
  /** Cancel a running (or queued) run with a chosen reason. */
  | { kind: 'cancel'; instanceId: string; reason: BackgroundTaskCancellationReason }
  /**
   * The kit clock: set how far it runs ahead of real time (`offset` ms, 0 puts it back), or read it without
   * `offset`. Schedules, catch-up and time limits follow it; it survives a worker restart.
   */
  | { kind: 'clock'; offset?: number }
  /**
   * A `backgroundfetch<event>` for a BackgroundFetchTrigger task, as if a fetch the page started had ended
   * (or its UI was clicked), with made-up records (`status` null: no response, as for an aborted one).
   */
  | { kind: 'backgroundfetch'; taskId: string; event: BackgroundFetchEventKind; failureReason?: string; downloaded?: number; records?: { url: string; status: number | null }[] };

/** `details` of a simulated fire, by the task's trigger: request arguments, a push payload, or notification fields. */
export interface SimulatedFireDetails {
  arguments?: unknown;
  payload?: string | null;
  action?: string;
  tag?: string;
  title?: string;
  data?: unknown;
  /** For a `controlChannelReset` task: the subscriptions its run's details carry (null when absent). */
  oldSubscription?: PushSubscriptionJSON | null;
  newSubscription?: PushSubscriptionJSON | null;
}

export interface SimulationOutcome {
  /** For `fire` of an ApplicationTrigger task, as `request()` answers; `cancel`: whether a run was found. */
  result?: ApplicationTriggerResult | boolean;
  /** For `clock`: the clock after the call. */
  clock?: ClockState;
}

/** The kit clock of a worker: its offset from real time and its time, in milliseconds. */
export interface ClockState {
  offset: number;
  now: number;
}

/** Windows' BackgroundWorkCostValue: how much background work the device can take now. */
export type BackgroundWorkCostValue = 'low' | 'medium' | 'high';

/** Every work cost a devtools simulation may force, cheapest first. */
export const WORK_COSTS: readonly BackgroundWorkCostValue[] = ['low', 'medium', 'high'];

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
 * neither; w3c/push-api#325): the task then re-subscribes with the app's own options.
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

/** Windows' SystemConditionType, camelCased. */
export type SystemConditionType =
  | 'userPresent'
  | 'userNotPresent'
  | 'internetAvailable'
  | 'internetNotAvailable'
  | 'sessionConnected'
  | 'sessionDisconnected'
  | 'freeNetworkAvailable'
  | 'backgroundWorkCostNotHigh';

export const SYSTEM_CONDITION_TYPES: readonly SystemConditionType[] = [
  'userPresent', 'userNotPresent', 'internetAvailable', 'internetNotAvailable', 'sessionConnected',
  'sessionDisconnected', 'freeNetworkAvailable', 'backgroundWorkCostNotHigh',
];

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

/**
 * How a task's failed runs are run again (Android WorkManager's BackoffPolicy, which Windows lacks): a run
 * whose handler returns or throws `task.retry()` is followed, after a delay, by a new run of the same trigger
 * details, until `maxAttempts` runs have been made.
 */
export interface RetryPolicy {
  /** `exponential`: initialDelay × 2^(n−1) after the nth attempt; `linear`: initialDelay × n. */
  backoff: 'exponential' | 'linear';
  /** Milliseconds before the second attempt, kept within RETRY_MIN_DELAY_MS … RETRY_MAX_DELAY_MS (as WorkManager). */
  initialDelay: number;
  /** Runs in all, the first one included: 1 never retries. */
  maxAttempts: number;
  /**
   * Whether a run killed with its worker (canceled with `terminating`) is run again, as an attempt. Off by
   * default: a task whose work gets its worker killed every time would otherwise loop.
   */
  retryTerminated: boolean;
}

/** What a builder may set of a RetryPolicy: the rest comes from DEFAULT_RETRY_POLICY. */
export type RetryPolicyInit = Partial<RetryPolicy>;

/** WorkManager's defaults (exponential from 30 s); WorkManager retries without limit, bgkit ten times in all. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = { backoff: 'exponential', initialDelay: 30_000, maxAttempts: 10, retryTerminated: false };
/** WorkManager's bounds for any backoff delay: 10 s and 5 h. */
export const RETRY_MIN_DELAY_MS = 10_000;
export const RETRY_MAX_DELAY_MS = 5 * 3_600_000;

/** The delay before the attempt after attempt `attempt` (1 for the first run) under `policy`. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  const delay = policy.backoff === 'linear' ? policy.initialDelay * attempt : policy.initialDelay * 2 ** (attempt - 1);
  return Math.min(RETRY_MAX_DELAY_MS, Math.max(RETRY_MIN_DELAY_MS, delay));
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

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  details?: Record<string, unknown>;
}

/** `triggerDetails` of a run started by a push message. */
export interface PushTriggerDetails {
  /** The payload as text; null for a push without data. */
  text: string | null;
  /** The payload parsed as JSON, when it parses. */
  json?: unknown;
}

/** Which `backgroundfetch*` event started a run. */
export type BackgroundFetchEventKind = 'success' | 'fail' | 'abort' | 'click';
/** Every BackgroundFetchEventKind: the `backgroundfetch<kind>` events a worker listens for. */
export const BACKGROUND_FETCH_EVENTS: readonly BackgroundFetchEventKind[] = ['success', 'fail', 'abort', 'click'];

/**
 * The id prefix of a Background Fetch a BackgroundFetchTrigger starts: `bgkit-fetch:<taskId>:<uuid>`, so the
 * worker knows whose run its events start. Fetches with other ids are the app's own, left alone.
 */
export const BACKGROUND_FETCH_PREFIX = 'bgkit-fetch:';

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
  /** In the browser's order, not necessarily the requests' (seen in Chromium). */
  records: { url: string; method: string; status: number | null }[];
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
  /** The worker lifetime that ran it; a run left `running` by a dead lifetime was killed with it. */
  bootId: string;
}

export interface RegisterInput extends TaskSettings {
  group: GroupRecord | null;
  /** The builder's retry policy (null or absent: none set); the worker fills in the defaults and stores it whole. */
  retryPolicy?: RetryPolicyInit | null;
}

export interface RegisterOutput {
  registration: RegistrationRecord;
  group: GroupRecord | null;
  /** False when an identical registration of that name already existed and was returned as is. */
  created: boolean;
  /** The task id a differently configured registration of the same name had, now replaced. */
  replaced: string | null;
}

export interface RunQuery {
  taskId?: string;
  status?: RunStatus | RunStatus[];
  /** Newest first; at most this many. Default 50. */
  limit?: number;
}

export interface WorkerHello {
  protocol: number;
  bootId: string;
  entryPoints: string[];
}

/** What the worker answers, one message per call. Every call is idempotent so a retry after a restart is safe. */
export interface WorkerApi {
  hello(): Promise<WorkerHello>;
  register(input: RegisterInput): Promise<RegisterOutput>;
  unregister(taskId: string, cancelTask: boolean): Promise<boolean>;
  unregisterAll(cancelTask: boolean): Promise<number>;
  list(): Promise<{ registrations: RegistrationRecord[]; groups: GroupRecord[] }>;
  /** `instanceId` is chosen by the page so that a retried request never starts a second run. */
  request(taskId: string, instanceId: string, args: unknown): Promise<ApplicationTriggerResult>;
  runs(query: RunQuery): Promise<RunRecord[]>;
  getAccess(): Promise<BackgroundAccessStatus | null>;
  setAccess(status: BackgroundAccessStatus | null): Promise<void>;
  /**
   * An open page's heartbeat: runs time triggers that fell due while this worker lifetime went on (catch-up
   * otherwise happens only when a worker starts) and pending triggers whose conditions now hold.
   */
  tick(): Promise<void>;
  /** The device state the worker believes, as pages last reported it (and devtools overrode it). */
  device(): Promise<DeviceState>;
  workCost(): Promise<BackgroundWorkCostValue>;
  /** Triggers waiting for their task's conditions, oldest first. */
  pending(): Promise<PendingRecord[]>;
  /** A page reports what it sees of the device; transitions fire the matching system triggers. */
  relay(signals: DeviceSignals): Promise<void>;
  /** Devtools: whether this worker accepts simulations (its app enabled devtools). */
  devtools(): Promise<{ enabled: boolean }>;
  /** Devtools: simulate an event; refused with `devtools-disabled` unless the app enabled devtools. */
  simulate(simulation: Simulation): Promise<SimulationOutcome>;
}

/** One page→worker call, posted to the worker with a MessagePort for the reply. */
export interface CallMessage<K extends keyof WorkerApi = keyof WorkerApi> {
  type: typeof CALL;
  v: number;
  method: K;
  args: Parameters<WorkerApi[K]>;
  /**
   * 0 for a first attempt; more for the page's retry of a call that timed out. Only a retry can repeat work
   * that already got through (to a worker that died before answering), so only a retry is checked for that.
   */
  attempt?: number;
  /**
   * Asks for CallAcks on the port: `'received'` as soon as the worker has the call, `'working'` every
   * ACK_INTERVAL_MS until it replies. Optional, so a page and a worker of different minor versions still
   * understand each other (a worker that does not send them is only retried sooner).
   */
  ack?: boolean;
}

/** The one answer to a CallMessage, posted on its port. */
export type CallReply = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** The worker's sign of life on a call's port, before the CallReply. */
export interface CallAck {
  ack: 'received' | 'working';
}

/** Whether a message on a call's port is a CallAck rather than the CallReply. */
export function isCallAck(data: unknown): data is CallAck {
  return typeof data === 'object' && data !== null && 'ack' in data;
}

export type BroadcastMessage =
  /** `arguments`: what the page's request() passed, for a run of an ApplicationTrigger (so a page can tell its own runs apart). */
  | { v: typeof PROTOCOL_VERSION; kind: 'progress'; taskId: string; instanceId: string; progress: number; arguments?: Record<string, unknown> }
  | { v: typeof PROTOCOL_VERSION; kind: 'started'; run: RunRecord }
  | { v: typeof PROTOCOL_VERSION; kind: 'completed'; run: RunRecord }
  | { v: typeof PROTOCOL_VERSION; kind: 'registrations' };

/** The value of a reply, or its error rebuilt (a BgkitError keeps its class and code) and thrown. */
export function replyValue(reply: CallReply): unknown {
  if (!reply.ok) throw deserializeError(reply.error);
  return reply.value;
}

/** The Periodic Background Sync tag bgkit registers for a time-triggered task. */
export function periodicSyncTag(taskId: string): string {
  return `${PERIODIC_TAG_PREFIX}${taskId}`;
}
export const PERIODIC_TAG_PREFIX = 'bgkit:';

export function isCallMessage(data: unknown): data is CallMessage {
  return typeof data === 'object' && data !== null && (data as CallMessage).type === CALL;
}

/** Whether `method` is one a worker answers (an own key of `api`, so `toString` and friends are not). */
export function hasMethod(api: object, method: unknown): method is keyof WorkerApi {
  return typeof method === 'string' && Object.hasOwn(api, method);
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { name, message, stack, code, details } = error as Error & Partial<BgkitError>;
  return {
    name,
    message,
    ...(stack && { stack }),
    ...(typeof code === 'string' && { code }),
    ...(details && typeof details === 'object' && { details }),
  };
}

/** Rebuilds an error on the other side: a BgkitError keeps its class and code, anything else its name and message. */
export function deserializeError(s: SerializedError): Error {
  const error =
    s.name === 'BgkitError' && s.code
      ? new BgkitError(s.code as BgkitErrorCode, s.message, s.details)
      : Object.assign(new Error(s.message), { name: s.name }, s.code ? { code: s.code } : {});
  if (s.stack) error.stack = s.stack;
  return error;
}
