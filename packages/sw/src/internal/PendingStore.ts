// SPDX-License-Identifier: MIT
// Triggers that fired while their task's conditions did not hold, kept in IndexedDB until they do.
import { BgkitError } from '../BgkitError.js';
import type { PendingRecord } from '../protocol.js';
import { getDb } from './db.js';
import { DEV } from './log.js';

/** The id of a latched pending trigger: one per task, for triggers that are a state rather than data. */
export const latchId = (taskId: string): string => `latch:${taskId}`;

/**
 * An instance id names one run or pending trigger, once: a new one under a taken id is refused with this
 * (invalid-argument, `details.taken`), and the worker answers a request that meets it as a retry of what holds it.
 */
export const takenId = (instanceId: string): BgkitError =>
  new BgkitError('invalid-argument', DEV ? `The instance id "${instanceId}" already names a run or a pending trigger.` : '', { instanceId, taken: true });

// Whether the pending store is known to be empty: most runs end with a look for pending triggers, and most
// of the time there are none. Only this worker writes the store; anything else that may have written it
// (another version of the worker, during an update) is covered by the heartbeat, which forgets this.
let knownEmpty = false;

/** The stores an id may be held in, inside a caller's transaction. */
interface IdHolders {
  get(name: 'runs' | 'pending'): { getKey(key: string): Promise<unknown> };
}

/**
 * Whether `id` is held by a run or a pending trigger (a request's own, or a retry's, which pages are told
 * before it runs): an instance id is claimed once. Read in the caller's transaction, so a write can follow.
 */
export function idHeld(stores: IdHolders, id: string): Promise<boolean> {
  return stores.get('runs').getKey(id).then((key) => key ?? stores.get('pending').getKey(id)).then((key) => key !== undefined);
}

export const PendingStore = {
  /**
   * Stores a pending trigger, never over another one or over a run: an id names one trigger (a request's id
   * is the page's; a retry's is told to pages before it runs, as run.retry.instanceId), so a taken id is
   * refused with invalid-argument and `details.taken`, as RunStore refuses a new run over a taken id. A latch
   * alone is replaced: it is one pending trigger per task, by design.
   */
  async add(record: PendingRecord): Promise<void> {
    knownEmpty = false;
    const { id } = record;
    const tx = (await getDb()).transaction(['pending', 'runs'], 'readwrite');
    const pending = tx.objectStore('pending');
    // Thrown with nothing written: the transaction commits empty.
    if (id !== latchId(record.taskId) && (await idHeld({ get: (name) => tx.objectStore(name) }, id))) throw takenId(id);
    await pending.put(record);
    await tx.done;
  },

  /** Whether an instance id is taken: a run, or a pending trigger (a request's own, or a retry's), is stored under it. One read. */
  async isTaken(instanceId: string): Promise<boolean> {
    const tx = (await getDb()).transaction(['runs', 'pending']);
    return idHeld({ get: (name) => tx.objectStore(name) }, instanceId);
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
