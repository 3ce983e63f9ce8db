// SPDX-License-Identifier: MIT
// Conditions (Windows' SystemCondition): evaluated when a trigger fires; a trigger whose task's conditions
// do not hold is kept as pending in IndexedDB and runs once they do, whichever worker lifetime that is in.
import type { PendingRecord, RegistrationRecord, SystemConditionType } from '../protocol.js';
import { BackgroundWorkCost } from '../BackgroundWorkCost.js';
import { getDb } from './db.js';
import { readDevice } from './device.js';

declare const self: ServiceWorkerGlobalScope;

/**
 * Offline if either the worker or the last page report says so: the two do not flip at the same instant, and
 * a page's `offline` usually arrives first. Every wake and every reconnect sync refreshes the stored report.
 */
async function isOnline(): Promise<boolean> {
  const worker = typeof navigator === 'undefined' || navigator.onLine !== false;
  return worker && (await readDevice()).online !== false;
}

/** How many windows of the app are open, controlled or not: what a "session" is here. */
export async function openWindows(): Promise<number> {
  return typeof self !== 'undefined' && self.clients ? (await self.clients.matchAll({ type: 'window', includeUncontrolled: true })).length : 0;
}

/** How many windows of the app other than `exceptId` the user can see (a visible tab in a browser window). */
export async function visibleWindows(exceptId?: string): Promise<number> {
  if (typeof self === 'undefined' || !self.clients) return 0;
  const windows = (await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) as WindowClient[];
  return windows.filter((w) => w.id !== exceptId && w.visibilityState === 'visible').length;
}

async function holds(type: SystemConditionType): Promise<boolean> {
  switch (type) {
    case 'internetAvailable':
    case 'internetNotAvailable': {
      const online = await isOnline();
      return type === 'internetAvailable' ? online : !online;
    }
    case 'userPresent':
    case 'userNotPresent': {
      const present = (await readDevice()).userPresent === true;
      return type === 'userPresent' ? present : !present;
    }
    case 'sessionConnected':
    case 'sessionDisconnected': {
      const windows = await openWindows();
      return type === 'sessionConnected' ? windows > 0 : windows === 0;
    }
    case 'freeNetworkAvailable': {
      // Online, and not on a connection the user pays for by the byte: cellular, or data saving asked for.
      // Where the browser does not tell the connection type, a connection counts as free.
      const device = await readDevice();
      return (await isOnline()) && device.saveData !== true && device.connectionType !== 'cellular';
    }
    case 'backgroundWorkCostNotHigh':
      return (await BackgroundWorkCost.current()) !== 'high';
    default:
      return false;
  }
}

/**
 * What keeps the task from running now: the first condition that does not hold, `'onAC'` for a maintenance
 * task on battery (Windows runs those on AC power only; an unknown power state counts as AC), or null.
 */
export async function unmetCondition(registration: RegistrationRecord): Promise<SystemConditionType | 'onAC' | null> {
  if (registration.trigger.type === 'maintenance' && (await readDevice()).onAC === false) return 'onAC';
  for (const condition of registration.conditions) if (!(await holds(condition.type))) return condition.type;
  return null;
}

// Whether the pending store is known to be empty: most runs end with a look for pending triggers, and most
// of the time there are none. Only this worker writes the store; anything else that may have written it
// (another version of the worker, during an update) is covered by the heartbeat, which forgets this.
let knownEmpty = false;

export const PendingStore = {
  async add(record: PendingRecord): Promise<void> {
    knownEmpty = false;
    await (await getDb()).put('pending', record);
  },

  /** Something else wrote the store (or may have): look again next time. */
  touched(): void {
    knownEmpty = false;
  },

  isKnownEmpty(): boolean {
    return knownEmpty;
  },

  async get(id: string): Promise<PendingRecord | undefined> {
    return (await getDb()).get('pending', id);
  },

  async forTask(taskId: string): Promise<string[]> {
    return (await getDb()).getAllKeysFromIndex('pending', 'byTask', taskId);
  },

  async all(): Promise<PendingRecord[]> {
    // Cleared before the read: a write that lands meanwhile sets it back to false.
    knownEmpty = true;
    const records = await (await getDb()).getAll('pending');
    if (records.length) knownEmpty = false;
    return records.sort((a, b) => a.createdAt - b.createdAt);
  },

  /** Removes a pending trigger; true only for the caller that removed it, so two wakes cannot both run it. */
  async take(id: string): Promise<boolean> {
    const db = await getDb();
    const tx = db.transaction('pending', 'readwrite');
    const found = (await tx.store.getKey(id)) !== undefined;
    if (found) await tx.store.delete(id);
    await tx.done;
    return found;
  },

  async dropTasks(taskIds: Iterable<string>): Promise<void> {
    const db = await getDb();
    const tx = db.transaction('pending', 'readwrite');
    for (const taskId of taskIds) {
      for (const key of await tx.store.index('byTask').getAllKeys(taskId)) await tx.store.delete(key);
    }
    await tx.done;
  },
};
