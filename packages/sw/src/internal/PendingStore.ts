// SPDX-License-Identifier: MIT
// Triggers that fired while their task's conditions did not hold, kept in IndexedDB until they do.
import type { PendingRecord } from '../protocol.js';
import { getDb } from './db.js';

/** The id of a latched pending trigger: one per task, for triggers that are a state rather than data. */
export const latchId = (taskId: string): string => `latch:${taskId}`;

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
