// SPDX-License-Identifier: MIT
import { BgkitError } from '../BgkitError.js';
import type { RunQuery, StoredRun, RunStatus } from '../protocol.js';
import { getDb, storageError } from './db.js';
import { DEV } from './log.js';
import { idHeld, PendingStore, takenId } from './PendingStore.js';
import { retryTrigger } from './retry.js';
import { canTransition, isFinal } from './runState.js';

const DEFAULT_LIMIT = 50;

interface Write {
  run: StoredRun;
  /** A transition: only if the stored run may move to this status. Else a new run: only if its id is new. */
  check: boolean;
  resolve(written: boolean): void;
  reject(error: unknown): void;
}

// Group commit: run writes wait while one transaction of them is in flight and then go together in the
// next. Readwrite transactions on one store run one at a time anyway, and each costs a commit; sixteen runs
// starting and settling at once would otherwise queue sixteen commits each way. A lone write goes at once.
let queue: Write[] = [];
let flushing = false;

function write(run: StoredRun, check: boolean): Promise<boolean> {
  return new Promise((resolve, reject) => {
    queue.push({ run, check, resolve, reject });
    if (!flushing) {
      flushing = true;
      queueMicrotask(() => void flush());
    }
  });
}

async function flush(): Promise<void> {
  const batch = queue;
  queue = [];
  try {
    await commit(batch);
  } finally {
    if (queue.length) void flush();
    else flushing = false;
  }
}

/**
 * Writes a batch in one transaction. A transaction that fails fails every write in it: when it held more than
 * one, each goes again alone, so one write the store cannot take (a result larger than the quota left) does
 * not fail the runs that happened to share its commit.
 */
async function commit(batch: Write[]): Promise<void> {
  let written: (boolean | unknown)[];
  try {
    written = await attempt(batch);
  } catch (error) {
    if (batch.length > 1) {
      for (const w of batch) await commit([w]);
    } else {
      batch[0]!.reject(storageError(error));
    }
    return;
  }
  batch.forEach((w, i) => {
    const outcome = written[i];
    if (typeof outcome === 'boolean') w.resolve(outcome);
    else w.reject(outcome);
  });
}

async function attempt(batch: Write[]): Promise<(boolean | unknown)[]> {
  const db = await getDb();
  const tx = db.transaction(['runs', 'announcements', 'pending'], 'readwrite');
  const runs = tx.objectStore('runs');
  const done = tx.done;
  // Awaited below; if a get fails first, the abort that follows must not be an unhandled rejection.
  done.catch(() => undefined);
  // A new run's id must be new too: an instance id is claimed once (a page's replayed request must not
  // overwrite a finished run), so an add looks for it in the same transaction as its write. Nor may it be a
  // pending trigger's (a retry's id is told to pages before it runs): a trigger is taken out of the pending
  // store before its run is added (releasePending()), so only another's id is found there.
  const stores = { get: (name: 'runs' | 'pending') => tx.objectStore(name) };
  const current = await Promise.all(batch.map(({ check, run: { instanceId: id } }) => (check ? runs.get(id) : idHeld(stores, id))));
  // One run is never twice in a batch: its writes follow one another (a transition waits for the add).
  const written = batch.map((w, i) => {
    const before = current[i];
    if (!w.check && before) return takenId(w.run.instanceId);
    // A final state is final: a settled run is never written again, not even with the same status.
    if (typeof before === 'object' && (isFinal(before.status) || (before.status !== w.run.status && !canTransition(before.status, w.run.status)))) return false;
    try {
      // The structured clone happens here, synchronously: a record that cannot be cloned throws without
      // harming the transaction, so only its own writer hears of it.
      runs.put(w.run).catch(() => undefined); // a failed put aborts the transaction: `done` tells
    } catch (error) {
      // Only a settled run carries what a handler returned; a new run's details came through postMessage.
      return w.check && error instanceof DOMException && error.name === 'DataCloneError'
        ? new BgkitError('result-not-cloneable', DEV ? 'The task returned a value that cannot be stored (it must be structured-cloneable).' : '', undefined, { cause: error })
        : storageError(error);
    }
    // Stored with its final state: the fact that pages have not heard of it yet (see announced()).
    if (isFinal(w.run.status)) tx.objectStore('announcements').put(w.run.finishedAt ?? 0, w.run.instanceId).catch(() => undefined);
    // Its next attempt, if it has one, commits with it (retry.ts): never a failed run whose retry was lost.
    const retry = retryTrigger(w.run); // only a final run carries one
    if (retry) {
      PendingStore.touched();
      tx.objectStore('pending').put(retry).catch(() => undefined);
    }
    return true;
  });
  await done;
  return written;
}

// Announced runs whose keys are still to be deleted: one relaxed transaction for all that gather meanwhile.
let told: string[] = [];

/** The run history: every run of every task, newest retained, bounded by the history limit. */
export const RunStore = {
  /** Records a new run (queued or running). Resolves once it is committed. */
  async add(run: StoredRun): Promise<void> {
    await write(run, false);
  },

  async get(instanceId: string): Promise<StoredRun | undefined> {
    return (await getDb()).get('runs', instanceId);
  },

  /**
   * A commit that writes nothing. Chromium stores a value over 64 KB as a blob file (kWrapThreshold in
   * https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/modules/indexeddb/idb_value_wrapping.h),
   * and when the transaction that wrote it fails (over the quota) it keeps that file counted against the quota
   * until a later transaction commits; if every later write is refused for that very space, none ever commits,
   * and the store stays "full" (seen in about 1 run in 10 of e2e/tests/faults-storage.spec.ts, "a result larger
   * than the quota fails its run with storage-full: the page hears `failed`, checkResult() throws the code, the
   * history agrees": the reduced outcome refused for 30 s with IndexedDB usage at 5 MB; after one write-free
   * commit, usage was back to 70 KB). A delete of a key that is not there commits even over the quota, and
   * lets the browser reclaim the space (when the runner calls it: src/__tests__/durability.test.ts, "the space
   * a refused large result leaves counted").
   * Only after a refused large value: a commit may also let the store compact, and free space a full store
   * should not have (the storage fault tests fill it to the brim on purpose).
   */
  async reclaim(): Promise<void> {
    await (await getDb()).delete('announcements', '');
  },

  /**
   * Pages have been told of these runs (their `completed` was broadcast): their announcement keys go, in one
   * relaxed transaction for all that gather meanwhile. Losing it to a kill only means telling pages again.
   */
  announced(instanceId: string): void {
    told.push(instanceId);
    if (told.length > 1) return;
    setTimeout(() => {
      const ids = told;
      told = [];
      void (async () => {
        const tx = (await getDb()).transaction('announcements', 'readwrite', { durability: 'relaxed' });
        for (const id of ids) tx.store.delete(id).catch(() => undefined);
        await tx.done;
      })().catch(() => undefined); // kept: the next worker announces them again, and pages drop repeats
    });
  },

  /** Finished runs whose announcement was never marked done, oldest first (runs pruned since are dropped). */
  async unannounced(): Promise<StoredRun[]> {
    const tx = (await getDb()).transaction(['announcements', 'runs']);
    const ids = await tx.objectStore('announcements').getAllKeys();
    const runs = await Promise.all(ids.map((id) => tx.objectStore('runs').get(id)));
    await tx.done;
    const found = runs.filter((run): run is StoredRun => !!run && isFinal(run.status));
    // Keys of runs that are gone (pruned) would be read at every start: drop them with the announced ones.
    ids.forEach((id, i) => runs[i] || this.announced(id));
    return found.sort((a, b) => a.createdAt - b.createdAt);
  },

  /**
   * Writes `run` only if the stored run may move to its status; returns whether it did. A run already
   * settled (say, marked terminated by a newer worker) stays as it is.
   */
  transition(run: StoredRun): Promise<boolean> {
    return write(run, true);
  },

  /** Progress is advisory: written only while the run is still running, never over a final state. */
  async setProgress(instanceId: string, progress: number): Promise<void> {
    const db = await getDb();
    const tx = db.transaction('runs', 'readwrite', { durability: 'relaxed' });
    const current = await tx.store.get(instanceId);
    if (current && current.status === 'running' && current.progress !== progress) {
      current.progress = progress;
      await tx.store.put(current);
    }
    await tx.done;
  },

  async query(query: RunQuery = {}): Promise<StoredRun[]> {
    const db = await getDb();
    const limit = Math.max(1, Math.min(query.limit ?? DEFAULT_LIMIT, 10_000));
    const statuses: RunStatus[] | undefined =
      query.status === undefined ? undefined : Array.isArray(query.status) ? query.status : [query.status];
    const tx = db.transaction('runs');
    const cursorSource = query.taskId
      ? tx.store.index('byTask').iterate(IDBKeyRange.bound([query.taskId, -Infinity], [query.taskId, Infinity]), 'prev')
      : tx.store.index('byCreated').iterate(null, 'prev');
    const out: StoredRun[] = [];
    for await (const cursor of cursorSource) {
      if (!statuses || statuses.includes(cursor.value.status)) out.push(cursor.value);
      if (out.length >= limit) break;
    }
    return out;
  },

  /** Runs still marked queued or running that belong to another worker lifetime than `bootId`. */
  async orphans(bootId: string): Promise<StoredRun[]> {
    const db = await getDb();
    const tx = db.transaction('runs');
    const found: StoredRun[] = [];
    for (const status of ['running', 'queued'] as const) {
      for (const run of await tx.store.index('byStatus').getAll(status)) {
        if (run.bootId !== bootId) found.push(run);
      }
    }
    await tx.done;
    return found;
  },

  async count(): Promise<number> {
    return (await getDb()).count('runs');
  },

  /** Deletes the oldest settled runs until at most `keep` runs remain; unsettled runs are never pruned. */
  async prune(keep: number): Promise<number> {
    const db = await getDb();
    const tx = db.transaction('runs', 'readwrite', { durability: 'relaxed' });
    let excess = (await tx.store.count()) - keep;
    let deleted = 0;
    if (excess > 0) {
      let cursor = await tx.store.index('byCreated').openCursor();
      while (cursor && excess > 0) {
        if (isFinal(cursor.value.status)) {
          await cursor.delete();
          excess--;
          deleted++;
        }
        cursor = await cursor.continue();
      }
    }
    await tx.done;
    return deleted;
  },
};
