// SPDX-License-Identifier: MIT
// Checks shared by the page (to fail fast, without a worker) and the worker (which trusts no page).
import { BgkitError } from './BgkitError.js';
import { BACKGROUND_FETCH_EVENTS, CANCELLATION_REASONS, SYSTEM_CONDITION_TYPES, SYSTEM_TRIGGER_TYPES, WEB_SYSTEM_TRIGGERS, WORK_COSTS, type BackgroundWorkCostValue, type SystemConditionType, type SystemTriggerType } from './vocabulary.js';
import { DEFAULT_RETRY_POLICY, RETRY_MAX_DELAY_MS, RETRY_MIN_DELAY_MS, type RetryPolicy } from './retryPolicy.js';
import type { DeviceOverrides, DeviceReport, RunStatus, TriggerSpec } from './records.js';
import type { RegisterInput, RunQuery } from './wire.js';
import type { Simulation } from './simulation.js';
import { DEV } from './dev.js';

/** The longest delay a timer can hold (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A string with something other than whitespace in it. */
export function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Checks an optional duration in milliseconds (a positive number a timer can hold). */
export function validateDuration(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !(value > 0) || value > MAX_TIMER_MS)) {
    throw new BgkitError('invalid-argument', DEV ? `${name} must be a number of milliseconds from 1 to ${MAX_TIMER_MS} (got ${String(value)}).` : '', { [name]: value });
  }
}

/**
 * The type of every signal a page may report. The worker checks reports by it and takes no other field, so
 * a new signal needs only a line here.
 */
export const SIGNAL_TYPES: Readonly<Record<keyof DeviceReport, 'boolean' | 'string' | 'number'>> = {
  online: 'boolean',
  userPresent: 'boolean',
  onAC: 'boolean',
  saveData: 'boolean',
  sessionConnected: 'boolean',
  leaving: 'boolean',
  timeZone: 'string',
  effectiveType: 'string',
  connectionType: 'string',
  batteryLevel: 'number',
};

/** `workCost` says what is wrong with a work cost in the signals, or false for nothing. */
function checkSignals(signals: DeviceReport & DeviceOverrides, workCost: (value: BackgroundWorkCostValue) => string | false): void {
  if (typeof signals !== 'object' || signals === null) throw new BgkitError('invalid-argument', DEV ? 'Device signals must be an object.' : '');
  const problem = signals.workCost !== undefined && workCost(signals.workCost);
  if (problem) throw new BgkitError('invalid-argument', DEV ? problem : '', { workCost: signals.workCost });
  for (const key in SIGNAL_TYPES) {
    const value = signals[key as keyof typeof SIGNAL_TYPES];
    const type = SIGNAL_TYPES[key as keyof typeof SIGNAL_TYPES];
    if (value !== undefined && typeof value !== type) throw new BgkitError('invalid-argument', DEV ? `${key} must be a ${type}.` : '', { [key]: value });
  }
  const level = signals.batteryLevel;
  if (level !== undefined && !(level >= 0 && level <= 1)) {
    throw new BgkitError('invalid-argument', DEV ? `batteryLevel must be a number from 0 to 1 (got ${String(level)}).` : '', { batteryLevel: level });
  }
}

/** What a page may report; anything out of range is refused rather than stored. */
export function validateSignals(signals: DeviceReport): void {
  checkSignals(signals, () => 'Pages report device signals, not a work cost: only a devtools simulation can force one.');
}

const SIMULATIONS: readonly Simulation['kind'][] = ['fire', 'push', 'notification', 'sync', 'periodicsync', 'pushsubscriptionchange', 'device', 'resetDevice', 'cancel', 'backgroundfetch', 'clock'];

/**
 * How far a `clock` simulation may move the kit clock ahead of real time: 100 years, in ms. Far beyond what a
 * test needs, and small enough that the clock plus the longest freshnessTime (MAX_FRESHNESS_MINUTES, about
 * 8,000 years) stays within the dates a JavaScript Date holds: an offset of 1e20 made every `nextRunTime` an
 * Invalid Date.
 */
export const MAX_CLOCK_OFFSET_MS = 100 * 365.25 * 24 * 3_600_000;

/** A devtools simulation, checked as strictly as anything else a page sends. */
export function validateSimulation(simulation: Simulation): void {
  if (typeof simulation !== 'object' || simulation === null || !SIMULATIONS.includes(simulation.kind)) {
    throw new BgkitError('invalid-argument', DEV ? `A simulation needs a kind: one of ${SIMULATIONS.join(', ')}.` : '', { kind: (simulation as { kind?: unknown } | null)?.kind });
  }
  const { kind } = simulation;
  // What PushSubscription.toJSON() gives, or null/absent: a run's details are stored and cloned as they come.
  const subscriptions = (fields: { oldSubscription?: unknown; newSubscription?: unknown }) => {
    for (const name of ['oldSubscription', 'newSubscription'] as const) {
      const value = fields[name] as { endpoint?: unknown } | null | undefined;
      if (value != null && (typeof value !== 'object' || Array.isArray(value) || (value.endpoint !== undefined && typeof value.endpoint !== 'string'))) {
        throw new BgkitError('invalid-argument', DEV ? `${kind}: ${name} must be a PushSubscriptionJSON object or null.` : '', { [name]: value });
      }
    }
  };
  const text = (name: string, value: unknown, required: boolean) => {
    if ((required || value !== undefined) && !(typeof value === 'string' && (value !== '' || !required))) {
      throw new BgkitError('invalid-argument', DEV ? `${kind}: ${name} must be a${required ? ' non-empty' : ''} string.` : '', { [name]: value });
    }
  };
  switch (simulation.kind) {
    case 'fire':
      text('taskId', simulation.taskId, true);
      if (simulation.details !== undefined && (typeof simulation.details !== 'object' || simulation.details === null)) {
        throw new BgkitError('invalid-argument', DEV ? 'fire: details must be an object.' : '', { details: simulation.details });
      }
      if (simulation.details?.payload != null) text('payload', simulation.details.payload, false);
      if (simulation.details) subscriptions(simulation.details);
      break;
    case 'push':
      if (simulation.payload !== null) text('payload', simulation.payload, false);
      break;
    case 'notification':
      if (simulation.event !== 'click' && simulation.event !== 'close') {
        throw new BgkitError('invalid-argument', DEV ? 'notification: event must be "click" or "close".' : '', { event: simulation.event });
      }
      text('tag', simulation.tag, false);
      text('action', simulation.action, false);
      text('title', simulation.title, false);
      break;
    case 'sync':
      text('tag', simulation.tag, true);
      if (simulation.lastChance !== undefined && typeof simulation.lastChance !== 'boolean') {
        throw new BgkitError('invalid-argument', DEV ? 'sync: lastChance must be a boolean.' : '', { lastChance: simulation.lastChance });
      }
      break;
    case 'periodicsync':
      text('tag', simulation.tag, true);
      break;
    case 'pushsubscriptionchange':
      subscriptions(simulation);
      break;
    case 'device':
      checkSignals(simulation.signals, (value) => !WORK_COSTS.includes(value) && `workCost must be low, medium or high (got ${String(value)}).`);
      if ((simulation.signals as DeviceReport).leaving !== undefined) {
        throw new BgkitError('invalid-argument', DEV ? 'device: leaving is what a closing page says; simulate sessionConnected instead.' : '');
      }
      break;
    case 'cancel':
      text('instanceId', simulation.instanceId, true);
      if (!CANCELLATION_REASONS.includes(simulation.reason)) {
        throw new BgkitError('invalid-argument', DEV ? `cancel: reason must be one of ${CANCELLATION_REASONS.join(', ')}.` : '', { reason: simulation.reason });
      }
      break;
    case 'backgroundfetch':
      validateBackgroundFetchSimulation(simulation, text);
      break;
    case 'clock': {
      // Only ahead of real time (a clock set back would make every schedule wait longer than it says), and bounded.
      const { offset } = simulation;
      if (offset !== undefined && !(typeof offset === 'number' && offset >= 0 && offset <= MAX_CLOCK_OFFSET_MS)) {
        throw new BgkitError('invalid-argument', DEV ? `clock: offset must be a number of milliseconds from 0 to ${MAX_CLOCK_OFFSET_MS} (100 years).` : '', { offset, maximum: MAX_CLOCK_OFFSET_MS });
      }
      break;
    }
  }
}

function validateBackgroundFetchSimulation(simulation: Extract<Simulation, { kind: 'backgroundfetch' }>, text: (name: string, value: unknown, required: boolean) => void): void {
  text('taskId', simulation.taskId, true);
  text('failureReason', simulation.failureReason, false);
  // The rules are development prose, as in validateRetryPolicy.
  const bad = (name: string, value: unknown, rule: string | false) => new BgkitError('invalid-argument', DEV ? `backgroundfetch: ${name} must be ${rule}.` : '', { [name]: value });
  if (!BACKGROUND_FETCH_EVENTS.includes(simulation.event)) throw bad('event', simulation.event, DEV && `one of ${BACKGROUND_FETCH_EVENTS.join(', ')}`);
  const { downloaded, records } = simulation;
  if (downloaded !== undefined && !(Number.isInteger(downloaded) && downloaded >= 0)) throw bad('downloaded', downloaded, DEV && 'a whole number of bytes');
  if (records === undefined) return;
  if (!Array.isArray(records)) throw bad('records', records, DEV && 'an array of { url, status }');
  for (const record of records) {
    const { url, status } = (record ?? {}) as { url?: unknown; status?: unknown };
    if (!nonEmpty(url)) throw bad('records[].url', url, DEV && 'a non-empty string');
    // What a Response can have (the Response constructor refuses others), or null for none.
    if (status !== null && !(Number.isInteger(status) && (status as number) >= 200 && (status as number) <= 599)) throw bad('records[].status', status, DEV && 'an HTTP status from 200 to 599, or null');
  }
}

const STATUSES: readonly RunStatus[] = ['queued', 'running', 'completed', 'failed', 'canceled'];

export function validateRunQuery(query: RunQuery): RunQuery {
  if (typeof query !== 'object' || query === null) throw new BgkitError('invalid-argument', DEV ? 'A run query must be an object.' : '');
  const { taskId, status, limit } = query;
  if (taskId !== undefined && !nonEmpty(taskId)) throw new BgkitError('invalid-argument', DEV ? 'taskId must be a non-empty string.' : '', { taskId });
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 10_000)) {
    throw new BgkitError('invalid-argument', DEV ? `limit must be a whole number from 1 to 10000 (got ${String(limit)}).` : '', { limit });
  }
  for (const s of status === undefined ? [] : Array.isArray(status) ? status : [status]) {
    if (!STATUSES.includes(s)) throw new BgkitError('invalid-argument', DEV ? `Unknown run status "${String(s)}".` : '', { status: s });
  }
  return query;
}

export const TRIGGER_TYPES: readonly TriggerSpec['type'][] = [
  'application', 'time', 'maintenance', 'push', 'toastAction', 'toastHistoryChanged', 'system', 'backgroundFetch',
];

/** Windows' floor for TimeTrigger and MaintenanceTrigger, in minutes. */
export const MIN_FRESHNESS_MINUTES = 15;
/**
 * The ceiling: Windows' FreshnessTime is a UInt32 of minutes. Any larger value would put `nextRunTime`
 * past the last date a JavaScript Date can hold (1e12 minutes gave `Invalid Date`); this one is about
 * 8,000 years from now, still a valid date.
 */
export const MAX_FRESHNESS_MINUTES = 4_294_967_295;

export function validateSystemType(systemType: unknown): asserts systemType is SystemTriggerType {
  if (!SYSTEM_TRIGGER_TYPES.includes(systemType as SystemTriggerType)) {
    throw new BgkitError('invalid-trigger', DEV ? `"${String(systemType)}" is not a SystemTriggerType.` : '', { systemType });
  }
}

export function validateFreshness(freshnessTime: unknown, oneShot: unknown): void {
  if (typeof freshnessTime !== 'number' || !Number.isInteger(freshnessTime) || freshnessTime < MIN_FRESHNESS_MINUTES || freshnessTime > MAX_FRESHNESS_MINUTES) {
    throw new BgkitError(
      'invalid-trigger',
      DEV ? `freshnessTime is in whole minutes from ${MIN_FRESHNESS_MINUTES} to ${MAX_FRESHNESS_MINUTES}, as on Windows (got ${String(freshnessTime)}).` : '',
      { freshnessTime, minimum: MIN_FRESHNESS_MINUTES, maximum: MAX_FRESHNESS_MINUTES },
    );
  }
  validateOneShot(oneShot);
}

/** A trigger's `oneShot` (TimeTrigger, MaintenanceTrigger, SystemTrigger): a boolean. */
export function validateOneShot(oneShot: unknown): void {
  if (typeof oneShot !== 'boolean') throw new BgkitError('invalid-trigger', DEV ? 'oneShot must be a boolean.' : '', { oneShot });
}

/** A trigger's spec (after validateTaskFields() made sure there is one). */
export function validateTrigger(trigger: unknown): asserts trigger is TriggerSpec {
  const { type, systemType, freshnessTime, oneShot } = trigger as { type?: unknown; systemType?: unknown; freshnessTime?: unknown; oneShot?: unknown };
  if (!TRIGGER_TYPES.includes(type as TriggerSpec['type'])) {
    throw new BgkitError('unsupported-trigger', DEV ? `The trigger "${String(type)}" cannot run on the web.` : '', { trigger: type });
  }
  if (type === 'system') {
    validateSystemType(systemType);
    validateOneShot(oneShot);
    if (!WEB_SYSTEM_TRIGGERS.includes(systemType)) {
      throw new BgkitError('unsupported-trigger', DEV ? `The system trigger "${systemType}" cannot run on the web.` : '', { trigger: systemType });
    }
  }
  if (type === 'time' || type === 'maintenance') validateFreshness(freshnessTime, oneShot);
}

/**
 * What a builder can check without a worker, and the worker checks again (it trusts no page): a trigger is
 * set, the name and entry point are non-empty strings, the two flags are booleans.
 */
export function validateTaskFields(input: { name: unknown; entryPoint: unknown; trigger: unknown; cancelOnConditionLoss: unknown; isNetworkRequested: unknown }): void {
  if (input.trigger == null) {
    throw new BgkitError('missing-trigger', DEV ? 'A background task needs a trigger: call setTrigger() before register().' : '');
  }
  if (!nonEmpty(input.name)) throw new BgkitError('invalid-name', DEV ? 'A background task needs a non-empty name.' : '', { name: input.name });
  if (!nonEmpty(input.entryPoint)) {
    throw new BgkitError('invalid-entry-point', DEV ? 'A background task needs a non-empty taskEntryPoint: the name given to defineTask() in the service worker.' : '', { entryPoint: input.entryPoint });
  }
  for (const key of ['cancelOnConditionLoss', 'isNetworkRequested'] as const) {
    if (typeof input[key] !== 'boolean') throw new BgkitError('invalid-argument', DEV ? `${key} must be a boolean.` : '', { [key]: input[key] });
  }
}

/** A SystemCondition's type: one of Windows' SystemConditionType values. */
export function validateConditionType(conditionType: unknown): asserts conditionType is SystemConditionType {
  if (!SYSTEM_CONDITION_TYPES.includes(conditionType as SystemConditionType)) {
    throw new BgkitError('invalid-argument', DEV ? `"${String(conditionType)}" is not a SystemConditionType.` : '', { condition: conditionType });
  }
}

/** A task group's id (a non-empty string) and name (a string). */
export function validateGroup(id: unknown, name: unknown): void {
  if (!nonEmpty(id)) throw new BgkitError('invalid-group', DEV ? 'A task group needs a non-empty id.' : '', { id });
  if (typeof name !== 'string') throw new BgkitError('invalid-group', DEV ? 'A task group name must be a string.' : '', { name });
}

/**
 * Condition pairs that can never hold at once: a task given both would never run. A negative condition's
 * first pair holds its negation, which is how the worker evaluates it.
 */
export const OPPOSITES: ReadonlyArray<[SystemConditionType, SystemConditionType]> = [
  ['internetAvailable', 'internetNotAvailable'],
  ['userPresent', 'userNotPresent'],
  ['sessionConnected', 'sessionDisconnected'],
  ['freeNetworkAvailable', 'internetNotAvailable'],
];

/**
 * A registration as a page (or the worker's registerTask()) sends it; returns it as it is stored: its retry
 * policy made whole (validateRetryPolicy), or left out when none was given (null from a builder, or absent),
 * so a registration that spells out a default equals one that leaves it out, and one stored before retries.
 */
export function validateRegisterInput(input: RegisterInput): RegisterInput {
  if (typeof input !== 'object' || input === null) throw new BgkitError('invalid-argument', DEV ? 'A registration must be an object.' : '');
  validateTaskFields(input);
  validateTrigger(input.trigger);
  if (!Array.isArray(input.conditions)) {
    throw new BgkitError('invalid-argument', DEV ? 'conditions must be an array.' : '');
  }
  const types = new Set<string>();
  for (const condition of input.conditions) {
    const type = (condition as { type?: unknown } | null)?.type;
    validateConditionType(type);
    types.add(type);
  }
  for (const [a, b] of OPPOSITES) {
    if (types.has(a) && types.has(b)) {
      throw new BgkitError('invalid-argument', DEV ? `The conditions "${a}" and "${b}" can never hold together: the task would never run.` : '', { conditions: [a, b] });
    }
  }
  if (input.group !== null) {
    if (typeof input.group !== 'object') throw new BgkitError('invalid-group', DEV ? 'A task group must be an object with an id and a name.' : '');
    validateGroup(input.group.id, input.group.name);
  }
  const { retryPolicy, ...rest } = input;
  return retryPolicy == null ? rest : { ...rest, retryPolicy: validateRetryPolicy(retryPolicy) };
}

/** The most attempts a policy may allow: enough for any backoff, and a bound on a task that always fails. */
const MAX_ATTEMPTS = 100;

/**
 * A builder's retry policy, whole: the defaults for what it leaves out, its initial delay brought within
 * WorkManager's bounds (10 s … 5 h, as WorkManager clamps it). Anything else wrong is `invalid-argument`.
 */
export function validateRetryPolicy(init: unknown): RetryPolicy {
  if (typeof init !== 'object' || init === null || Array.isArray(init)) {
    throw new BgkitError('invalid-argument', DEV ? 'retryPolicy must be an object such as { backoff: "exponential", initialDelay: 30000, maxAttempts: 5 }.' : '', { retryPolicy: init });
  }
  const policy = { ...DEFAULT_RETRY_POLICY, ...(init as Partial<RetryPolicy>) };
  const { backoff, initialDelay, maxAttempts, retryTerminated } = policy;
  // The rules are development prose: production keeps the code and the field.
  const bad = (key: keyof RetryPolicy, rule: string | false) =>
    new BgkitError('invalid-argument', DEV ? `retryPolicy.${key} must be ${rule} (got ${String(policy[key])}).` : '', { [key]: policy[key] });
  if (backoff !== 'exponential' && backoff !== 'linear') throw bad('backoff', DEV && '"exponential" or "linear"');
  if (typeof initialDelay !== 'number' || !(initialDelay >= 0) || initialDelay === Infinity) throw bad('initialDelay', DEV && 'a number of milliseconds');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) throw bad('maxAttempts', DEV && `a whole number from 1 to ${MAX_ATTEMPTS}`);
  if (typeof retryTerminated !== 'boolean') throw bad('retryTerminated', DEV && 'a boolean');
  for (const key of Object.keys(init)) if (!(key in DEFAULT_RETRY_POLICY)) throw bad(key as keyof RetryPolicy, DEV && 'left out: it is not a retry policy field');
  return { backoff, initialDelay: Math.min(RETRY_MAX_DELAY_MS, Math.max(RETRY_MIN_DELAY_MS, initialDelay)), maxAttempts, retryTerminated };
}
