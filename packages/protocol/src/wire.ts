// SPDX-License-Identifier: MIT
// The page↔worker wire: message names, the calls a worker answers and the messages it broadcasts, and the
// tags and names both sides derive from ids, with the few pure functions that read or build them. It imports
// types only, and nothing of either runtime; errors cross it as SerializedError (serializeError.ts).
import type { ApplicationTriggerResult, BackgroundAccessStatus, BackgroundWorkCostValue } from './vocabulary.js';
import type { DeviceReport, DeviceState, GroupRecord, PendingRecord, RegistrationRecord, RunRecord, RunStatus, SerializedError, TaskSettings } from './records.js';
import type { RetryPolicyInit } from './retryPolicy.js';
import type { Simulation, SimulationOutcome } from './simulation.js';

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

/**
 * The id prefix of a Background Fetch a BackgroundFetchTrigger starts: `bgkit-fetch:<taskId>:<uuid>`, so the
 * worker knows whose run its events start. Fetches with other ids are the app's own, left alone.
 */
export const BACKGROUND_FETCH_PREFIX = 'bgkit-fetch:';
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
  relay(signals: DeviceReport): Promise<void>;
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
   * 0 for a first attempt; more for the page's retry of a call that timed out. Informational: the worker
   * checks every request's instance id whatever this says, since a first attempt can be replayed too
   * (e2e/tests/faults-inputs.spec.ts).
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
