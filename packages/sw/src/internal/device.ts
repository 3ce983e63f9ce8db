// SPDX-License-Identifier: MIT
// The device state the worker believes, as pages last reported it. A worker sees almost none of it itself
// (no online/offline events, no visibility, no time zone changes), so pages relay it; transitions of the
// stored state are what fire system triggers, which is also what makes a relay from two tabs fire once.
import type { DeviceSignals, SystemTriggerType } from '../protocol.js';
import { computeWorkCost } from '../BackgroundWorkCost.js';
import { getDb } from './db.js';

const KEY = 'device';

export async function readDevice(): Promise<DeviceSignals> {
  return ((await (await getDb()).get('meta', KEY)) as DeviceSignals | undefined) ?? {};
}

/** Stores the signals and returns the system triggers their transitions fire. A first report fires nothing. */
export async function applySignals(signals: DeviceSignals): Promise<SystemTriggerType[]> {
  const db = await getDb();
  const tx = db.transaction('meta', 'readwrite');
  const previous = ((await tx.store.get(KEY)) as DeviceSignals | undefined) ?? {};
  const next: DeviceSignals = { ...previous };
  const fired: SystemTriggerType[] = [];
  if (typeof signals.online === 'boolean') {
    next.online = signals.online;
    if (previous.online !== undefined && previous.online !== signals.online) {
      fired.push('networkStateChange');
      if (signals.online) fired.push('internetAvailable');
    }
  }
  if (typeof signals.userPresent === 'boolean') {
    next.userPresent = signals.userPresent;
    if (previous.userPresent !== undefined && previous.userPresent !== signals.userPresent) {
      fired.push(signals.userPresent ? 'userPresent' : 'userAway');
    }
  }
  if (typeof signals.timeZone === 'string' && signals.timeZone) {
    next.timeZone = signals.timeZone;
    if (previous.timeZone !== undefined && previous.timeZone !== signals.timeZone) fired.push('timeZoneChange');
  }
  if (typeof signals.onAC === 'boolean') {
    next.onAC = signals.onAC;
    if (previous.onAC !== undefined && previous.onAC !== signals.onAC) fired.push('powerStateChange');
  }
  if (typeof signals.batteryLevel === 'number') next.batteryLevel = signals.batteryLevel;
  if (typeof signals.saveData === 'boolean') next.saveData = signals.saveData;
  if (typeof signals.effectiveType === 'string') next.effectiveType = signals.effectiveType;
  if (typeof signals.connectionType === 'string') next.connectionType = signals.connectionType;
  if (typeof signals.sessionConnected === 'boolean') {
    next.sessionConnected = signals.sessionConnected;
    // Windows' SessionConnected: the user is back after no window of the app was open.
    if (previous.sessionConnected === false && signals.sessionConnected) fired.push('sessionConnected');
  }
  // Cost from the device alone: the number of running runs changes too often to be a trigger.
  if (Object.keys(previous).length > 0 && computeWorkCost(previous, 0) !== computeWorkCost(next, 0)) fired.push('backgroundWorkCostChange');
  await tx.store.put(next, KEY);
  await tx.done;
  return fired;
}
