// SPDX-License-Identifier: MIT
// Conditions (Windows' SystemCondition): evaluated when a trigger fires; a trigger whose task's conditions
// do not hold is kept as pending in IndexedDB and runs once they do, whichever worker lifetime that is in.
import type { RegistrationRecord, SystemConditionType } from '../protocol.js';
import type { DeviceSignals } from './device.js';
import { computeWorkCost } from './workCost.js';
import { workingCount } from './runner.js';
import { readDevice } from './device.js';
import { OPPOSITES } from '../validate.js';

declare const self: ServiceWorkerGlobalScope;

// Windows that said they are going away (pagehide) but may still be listed for a moment.
const leaving = new Set<string>();

/** A window said it is leaving (`true`), or is back from the back/forward cache (`false`). */
export function markLeaving(clientId: string, isLeaving: boolean): void {
  if (isLeaving) leaving.add(clientId);
  else leaving.delete(clientId);
}

/**
 * The app's windows, controlled or not, without those that said they are leaving: a "session" is any of
 * them being open. The one count serves the sessionConnected trigger and both session conditions.
 */
export async function windowClients(): Promise<WindowClient[]> {
  if (typeof self === 'undefined' || !self.clients) return [];
  const windows = (await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) as WindowClient[];
  const listed = new Set(windows.map((w) => w.id));
  for (const id of leaving) if (!listed.has(id)) leaving.delete(id);
  return windows.filter((w) => !leaving.has(w.id));
}

async function holds(type: SystemConditionType, read: () => Promise<DeviceSignals>): Promise<boolean> {
  // A negative condition holds when its positive one does not.
  const positive = OPPOSITES.find((pair) => pair[1] === type)?.[0];
  if (positive) return !(await holds(positive, read));
  if (type === 'sessionConnected') return (await windowClients()).length > 0;
  if (type === 'backgroundWorkCostNotHigh') return computeWorkCost(await read(), workingCount()) !== 'high';
  const device = await read();
  // Offline if either the worker or the last page report says so: the two do not flip at the same instant,
  // and a page's `offline` usually arrives first. Every wake and every reconnect sync refreshes the report.
  const online = (typeof navigator === 'undefined' || navigator.onLine !== false) && device.online !== false;
  if (type === 'userPresent') return device.userPresent === true;
  if (type === 'internetAvailable') return online;
  // Online, and not on a connection the user pays for by the byte: cellular, or data saving asked for.
  // Where the browser does not tell the connection type, a connection counts as free.
  return type === 'freeNetworkAvailable' && online && device.saveData !== true && device.connectionType !== 'cellular';
}

/**
 * What keeps the task from running now: the first condition that does not hold, `'onAC'` for a maintenance
 * task on battery (Windows runs those on AC power only; an unknown power state counts as AC), or null.
 */
export async function unmetCondition(registration: RegistrationRecord): Promise<SystemConditionType | 'onAC' | null> {
  // Every condition is judged on one reading of the device.
  let device: Promise<DeviceSignals> | undefined;
  const read = () => (device ??= readDevice());
  if (registration.trigger.type === 'maintenance' && (await read()).onAC === false) return 'onAC';
  for (const condition of registration.conditions) if (!(await holds(condition.type, read))) return condition.type;
  return null;
}
