// SPDX-License-Identifier: MIT
import type { GroupRecord, RegisterInput, RetryPolicy, RegisterOutput, RegistrationRecord, StoredRun } from '../protocol.js';
import { getDb } from './db.js';

function sameSettings(a: RegistrationRecord, b: RegisterInput): boolean {
  return (
    a.entryPoint === b.entryPoint &&
    JSON.stringify(a.trigger) === JSON.stringify(b.trigger) &&
    JSON.stringify(a.conditions) === JSON.stringify(b.conditions) &&
    a.cancelOnConditionLoss === b.cancelOnConditionLoss &&
    a.isNetworkRequested === b.isNetworkRequested &&
    JSON.stringify(a.retryPolicy) === JSON.stringify(b.retryPolicy) &&
    (a.groupId ?? null) === (b.group?.id ?? null)
  );
}

let cache: Map<string, RegistrationRecord> | undefined;
let loading: Promise<Map<string, RegistrationRecord>> | undefined;
/** Bumped by every write: a read that a write overtook must not become the cache (it would stay stale). */
let generation = 0;

/**
 * After a committed write, the cache takes the change instead of being dropped (the worker is the only
 * writer, so it stays true, and the next trigger needs no read). Copy on write: a caller iterating the map
 * it got from all() keeps its snapshot.
 */
function patchCache(change: (next: Map<string, RegistrationRecord>) => void): void {
  generation++;
  loading = undefined;
  if (!cache) return;
  const next = new Map(cache);
  change(next);
  cache = next;
}

/** Registrations and groups. Registration by name is one transaction, so two tabs registering at once agree. */
export const RegistrationStore = {
  async register(input: RegisterInput, newId: () => string): Promise<RegisterOutput> {
    const db = await getDb();
    const tx = db.transaction(['registrations', 'groups'], 'readwrite');
    const store = tx.objectStore('registrations');
    const groups = tx.objectStore('groups');
    const existing = await store.index('byName').get(input.name);
    let output: RegisterOutput;
    if (existing && sameSettings(existing, input)) {
      let group: GroupRecord | null = null;
      if (input.group) {
        group = input.group;
        await groups.put(group);
      }
      output = { registration: existing, group, created: false, replaced: null };
    } else {
      if (existing) await store.delete(existing.taskId);
      if (input.group) await groups.put(input.group);
      const registration: RegistrationRecord = {
        taskId: newId(),
        name: input.name,
        entryPoint: input.entryPoint,
        trigger: input.trigger,
        conditions: input.conditions,
        cancelOnConditionLoss: input.cancelOnConditionLoss,
        isNetworkRequested: input.isNetworkRequested,
        createdAt: Date.now(),
      };
      if (input.retryPolicy) registration.retryPolicy = input.retryPolicy as RetryPolicy; // made whole by register()
      if (input.group) registration.groupId = input.group.id;
      await store.put(registration);
      output = { registration, group: input.group, created: true, replaced: existing?.taskId ?? null };
    }
    await tx.done;
    if (output.created) {
      patchCache((next) => {
        if (output.replaced) next.delete(output.replaced);
        next.set(output.registration.taskId, output.registration);
      });
    }
    return output;
  },

  async get(taskId: string): Promise<RegistrationRecord | undefined> {
    return (await this.all()).get(taskId);
  },

  /** Served from memory after the first read of a worker lifetime; writes keep it up to date. */
  async all(): Promise<Map<string, RegistrationRecord>> {
    if (cache) return cache;
    const seen = generation;
    // One read in flight, shared: a cold worker's start, boot and waking event all ask at once.
    return (loading ??= getDb()
      .then((db) => db.getAll('registrations'))
      .then((records) => {
        const map = new Map(records.map((r) => [r.taskId, r]));
        if (seen === generation) cache = map;
        return map;
      })
      .finally(() => (loading = undefined)));
  },

  async groups(): Promise<GroupRecord[]> {
    return (await getDb()).getAll('groups');
  },

  async delete(taskIds: string[]): Promise<number> {
    const db = await getDb();
    const tx = db.transaction('registrations', 'readwrite');
    let removed = 0;
    for (const id of taskIds) {
      if (await tx.store.getKey(id)) {
        await tx.store.delete(id);
        removed++;
      }
    }
    await tx.done;
    patchCache((next) => {
      for (const id of taskIds) next.delete(id);
    });
    return removed;
  },

  /** Rewrites a stored registration (its schedule); does nothing if it was unregistered meanwhile. */
  async update(record: RegistrationRecord): Promise<boolean> {
    const db = await getDb();
    const tx = db.transaction('registrations', 'readwrite');
    const exists = (await tx.store.getKey(record.taskId)) !== undefined;
    if (exists) await tx.store.put(record);
    await tx.done;
    patchCache((next) => (exists ? next.set(record.taskId, record) : next.delete(record.taskId)));
    return exists;
  },

  /**
   * Claims the current slot of a time-triggered task, in one transaction so two wakes (two tabs' heartbeats,
   * a heartbeat and a periodicsync) cannot both run it. `'due'`: only once nextRunTime has passed.
   * `'periodic'`: the browser says a period has passed; refused only right after another claim. `'now'`:
   * always (a devtools simulation of the time coming).
   * `start` is called inside the transaction with the claimed record, and may record a run there (its
   * `record` resolves once committed): the claim and its run are stored together or not at all, with one
   * commit and no read of the registrations before it.
   * Returns the updated record; null when the slot is not to be run; undefined when there is no such task.
   */
  async claimSlot(
    taskId: string,
    now: number,
    mode: 'due' | 'periodic' | 'now',
    start?: (claimed: RegistrationRecord, record: (run: StoredRun) => Promise<void>) => void,
  ): Promise<RegistrationRecord | null | undefined> {
    const db = await getDb();
    const tx = db.transaction(start ? ['registrations', 'runs'] : ['registrations'], 'readwrite');
    const store = tx.objectStore('registrations');
    const record = await store.get(taskId);
    let claimed: RegistrationRecord | null = null;
    if (record && (record.trigger.type === 'time' || record.trigger.type === 'maintenance') && record.schedule) {
      const interval = record.trigger.freshnessTime * 60_000;
      const { nextRunTime, lastRunAt } = record.schedule;
      const take =
        mode === 'now' || (mode === 'due' ? nextRunTime <= now : lastRunAt === undefined || now - lastRunAt >= interval / 2);
      if (take) {
        const next: RegistrationRecord = (claimed = { ...record, schedule: { ...record.schedule, nextRunTime: now + interval, lastRunAt: now } });
        const writes: Promise<unknown>[] = [store.put(next)];
        start?.(next, (run) => {
          try {
            writes.push(tx.objectStore('runs').put(run));
          } catch (error) {
            // A run that cannot be cloned throws here, after the claim's put: both or neither.
            for (const w of [...writes, tx.done]) w.catch(() => undefined);
            tx.abort();
            return Promise.reject(error);
          }
          return tx.done;
        });
        await Promise.all(writes);
      }
    }
    await tx.done;
    if (claimed) patchCache((next) => next.set(taskId, claimed));
    return record ? claimed : undefined;
  },

  forget(): void {
    generation++;
    cache = undefined;
    loading = undefined;
  },
};
