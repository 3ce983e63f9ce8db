// Seeds run history straight into IndexedDB, in big transactions: running 100,000 real tasks would take
// minutes, and the question the scale case asks is how reads behave once the history is that large.
// The records have bgkit's RunRecord shape (packages/sw/src/protocol.ts), so the bare worker stores the same
// bytes and the comparison is about the code paths, not the payload.
import { stamp } from './clock';
import { request, txDone } from './idb';

export interface SeedRequest {
  taskIds: string[];
  names: string[];
  count: number;
  batch: number;
}

export async function seedRuns(db: IDBDatabase, store: string, seed: SeedRequest): Promise<{ ms: number; count: number }> {
  const t0 = stamp();
  // Older than anything a real run records afterwards, one second apart, newest last.
  const base = Date.now() - seed.count * 1000 - 60_000;
  for (let start = 0; start < seed.count; start += seed.batch) {
    const tx = db.transaction(store, 'readwrite', { durability: 'relaxed' });
    const os = tx.objectStore(store);
    const end = Math.min(seed.count, start + seed.batch);
    for (let i = start; i < end; i++) {
      const k = i % seed.taskIds.length;
      const createdAt = base + i * 1000;
      os.put({
        instanceId: crypto.randomUUID(),
        taskId: seed.taskIds[k],
        name: seed.names[k],
        entryPoint: 'bench.noop',
        trigger: 'application',
        source: 'application',
        triggerDetails: { arguments: { i } },
        status: 'completed',
        progress: 100,
        createdAt,
        startedAt: createdAt,
        finishedAt: createdAt + 3,
        result: { ok: true, i },
        bootId: 'bench-seed',
      });
    }
    await txDone(tx);
  }
  return { ms: stamp() - t0, count: seed.count };
}

export function countStore(db: IDBDatabase, store: string): Promise<number> {
  return request(db.transaction(store).objectStore(store).count());
}
