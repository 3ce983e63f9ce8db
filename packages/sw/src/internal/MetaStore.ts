// SPDX-License-Identifier: MIT
// The `meta` store's reads and writes, typed by key (db.ts's MetaRecords), so the compiler checks each one.
import type { IDBPObjectStore } from 'idb';
import { getDb, type BgkitDB, type MetaKey, type MetaRecords } from './db.js';

/** The meta store inside a transaction someone else opened (to write it together with other stores). */
type MetaIn<Mode extends IDBTransactionMode = 'readonly' | 'readwrite'> = IDBPObjectStore<BgkitDB, ('meta' | 'pending' | 'registrations')[], 'meta', Mode>;

export const MetaStore = {
  /** The record under `key`, in `store`'s transaction or a read of its own. */
  async get<K extends MetaKey>(key: K, store?: MetaIn): Promise<MetaRecords[K] | undefined> {
    return (await (store ?? (await getDb()).transaction('meta').store).get(key)) as MetaRecords[K] | undefined;
  },

  /**
   * Writes (or, with `undefined`, deletes) the record under `key`: in `store`'s transaction, which its opener
   * commits, or in one of its own, committed before this resolves.
   */
  async put<K extends MetaKey>(key: K, value: MetaRecords[K] | undefined, store?: MetaIn<'readwrite'>): Promise<void> {
    if (store) await (value === undefined ? store.delete(key) : store.put(value, key));
    else {
      const db = await getDb();
      await (value === undefined ? db.delete('meta', key) : db.put('meta', value, key));
    }
  },
};
