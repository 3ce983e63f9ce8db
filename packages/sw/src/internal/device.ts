// SPDX-License-Identifier: MIT
// The device state the worker believes, as pages last reported it. A worker sees almost none of it itself
// (no online/offline events, no visibility, no time zone changes), so pages relay it; transitions of the
// stored state are what fire system triggers, which is also what makes a relay from two tabs fire once.
// Devtools can override any field: the override wins over what pages report until it is reset, so a
// simulated "offline" is not undone by the next heartbeat of an open page.
import { WORK_COSTS, type DeviceOverrides, type DeviceReport, type DeviceState, type PendingRecord, type RegistrationRecord, type SystemTriggerDetails, type SystemTriggerType, type TriggerSource } from '../protocol.js';
import { SIGNAL_TYPES } from '../validate.js';
import { computeWorkCost } from './workCost.js';
import { getDb } from './db.js';
import { MetaStore } from './MetaStore.js';
import { latchId, PendingStore } from './PendingStore.js';


/** Inside the worker a device state may carry a simulated work cost, and a report a page's leaving. */
export type DeviceSignals = DeviceOverrides & DeviceReport;
type Stored = DeviceOverrides | undefined;

/** The state the worker acts on: the pages' reports with devtools' overrides on top. */
export async function readDevice(): Promise<DeviceSignals> {
  const state = await readDeviceState();
  delete state.simulated;
  return state;
}

/** The pages' reports and devtools' overrides, as stored: one read transaction. */
async function readStored(): Promise<[reported: Stored, simulated: Stored]> {
  const meta = (await getDb()).transaction('meta').store;
  return Promise.all([MetaStore.get('device', meta), MetaStore.get('device:simulated', meta)]);
}

export async function readDeviceState(): Promise<DeviceState> {
  const [reported, simulated] = await readStored();
  const state: DeviceState = { ...reported, ...simulated };
  const keys = Object.keys(simulated ?? {}) as (keyof DeviceOverrides)[];
  if (keys.length) state.simulated = keys;
  return state;
}

/** `previous` with the fields `signals` carries (and that are well formed). */
function merge(previous: DeviceSignals, signals: DeviceSignals): DeviceSignals {
  const next: Record<string, unknown> = { ...previous };
  for (const key in SIGNAL_TYPES) {
    const value = signals[key as keyof typeof SIGNAL_TYPES];
    // `leaving` is an event, not a state; an empty time zone is no time zone.
    if (typeof value === SIGNAL_TYPES[key as keyof typeof SIGNAL_TYPES] && key !== 'leaving' && (value !== '' || key !== 'timeZone')) next[key] = value;
  }
  if (WORK_COSTS.includes(signals.workCost!)) next.workCost = signals.workCost;
  return next;
}

/** The system triggers that going from `before` to `after` fires. A field seen for the first time fires nothing. */
export function transitions(before: DeviceSignals, after: DeviceSignals): SystemTriggerType[] {
  const fired: SystemTriggerType[] = [];
  const changed = (key: keyof DeviceSignals) => before[key] !== undefined && after[key] !== undefined && before[key] !== after[key];
  if (changed('online')) {
    fired.push('networkStateChange');
    if (after.online) fired.push('internetAvailable');
  }
  if (changed('userPresent')) fired.push(after.userPresent ? 'userPresent' : 'userAway');
  if (changed('timeZone')) fired.push('timeZoneChange');
  if (changed('onAC')) fired.push('powerStateChange');
  // Windows' SessionConnected: the user is back after no window of the app was open.
  if (before.sessionConnected === false && after.sessionConnected === true) fired.push('sessionConnected');
  // Cost from the device alone: the number of running runs changes too often to be a trigger.
  if (Object.keys(before).length > 0 && computeWorkCost(before, 0) !== computeWorkCost(after, 0)) fired.push('backgroundWorkCostChange');
  return fired;
}

export interface ApplyOptions {
  mode?: 'reported' | 'simulated' | 'reset';
  source?: TriggerSource;
  /** Tasks not to fire now (a one-shot trigger whose run is still going). */
  skip?: (registration: RegistrationRecord) => boolean;
}

/**
 * Stores the signals (a page's report, or with `simulated` a devtools override; `reset` drops every
 * override) and returns the system triggers their transitions fire. A first report fires nothing.
 * The triggers fired are stored as pending in the same transaction as the new state: a worker killed right
 * after cannot lose a transition it has already recorded. releasePending() then runs them.
 */
export async function applySignals(signals: DeviceSignals, { mode = 'reported', source = 'page', skip }: ApplyOptions = {}): Promise<SystemTriggerType[]> {
  const db = await getDb();
  // Most reports change nothing (every worker start reports navigator.onLine, every page its heartbeat):
  // those are answered from a read, without a write transaction that would hold up the registrations store.
  if (mode !== 'reset') {
    const [reported, simulated] = await readStored();
    const stored = mode === 'reported' ? (reported ?? {}) : (simulated ?? {});
    // merge() keeps the order of the fields it had and appends new ones: equal text is an equal state.
    if (reported !== undefined && JSON.stringify(stored) === JSON.stringify(merge(stored, signals))) return [];
  }
  const tx = db.transaction(['meta', 'pending', 'registrations'], 'readwrite');
  const meta = tx.objectStore('meta');
  const reported = (await MetaStore.get('device', meta)) ?? {};
  const simulated = (await MetaStore.get('device:simulated', meta)) ?? {};
  const nextReported = mode === 'reported' ? merge(reported, signals) : reported;
  const nextSimulated = mode === 'simulated' ? merge(simulated, signals) : mode === 'reset' ? {} : simulated;
  const fired = transitions({ ...reported, ...simulated }, { ...nextReported, ...nextSimulated });
  await MetaStore.put('device', nextReported, meta);
  await MetaStore.put('device:simulated', Object.keys(nextSimulated).length ? nextSimulated : undefined, meta);
  const targets = fired.length ? systemTargets(await tx.objectStore('registrations').getAll(), fired).filter((t) => !skip?.(t.registration)) : [];
  for (const { registration, details } of targets) {
    const pending: PendingRecord = { id: latchId(registration.taskId), taskId: registration.taskId, name: registration.name, source, triggerDetails: details, createdAt: Date.now() };
    await tx.objectStore('pending').put(pending);
  }
  await tx.done;
  if (targets.length) PendingStore.touched();
  return fired;
}

/** The registrations that fired system triggers start, each with the details its run gets. */
export function systemTargets(
  registrations: Iterable<RegistrationRecord>,
  types: readonly SystemTriggerType[],
): { registration: RegistrationRecord; details: SystemTriggerDetails }[] {
  const targets: { registration: RegistrationRecord; details: SystemTriggerDetails }[] = [];
  for (const registration of registrations) {
    const { trigger } = registration;
    if (trigger.type === 'system' && types.includes(trigger.systemType)) targets.push({ registration, details: { systemType: trigger.systemType } });
  }
  return targets;
}
