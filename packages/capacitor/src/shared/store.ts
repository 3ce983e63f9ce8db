// SPDX-License-Identifier: MIT
// The package's own IndexedDB database, shared by the worker (which writes it) and the page (which reads the
// runners' key/value data). bgkit's database belongs to @bgkit/sw and is never touched here.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { BgkitError } from '@bgkit/sw/protocol';

export const DB_NAME = 'bgkit-capacitor';

export interface KVRecord {
  label: string;
  key: string;
  value: string;
}

export interface ScheduledNotification {
  label: string;
  id: number;
  /** Milliseconds since the epoch: shown at the first runner event after this time. */
  at: number;
  title: string;
  options: NotificationOptions;
}

interface Schema extends DBSchema {
  kv: { key: [string, string]; value: KVRecord };
  scheduled: { key: [string, number]; value: ScheduledNotification };
  meta: { key: string; value: unknown };
}

export type CapacitorDb = IDBPDatabase<Schema>;

/** How long opening the database may take (another tab holding an old version open blocks it). */
const OPEN_TIMEOUT = 10_000;
let opening: Promise<CapacitorDb> | undefined;

/** The database, opened once per page or worker lifetime. Fails with `storage-error` rather than waiting forever. */
export function openStore(): Promise<CapacitorDb> {
  opening ??= new Promise<CapacitorDb>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BgkitError('storage-error', `Opening the IndexedDB database "${DB_NAME}" took over ${OPEN_TIMEOUT / 1000} s (another tab may be blocking it).`)), OPEN_TIMEOUT);
    openDB<Schema>(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('kv', { keyPath: ['label', 'key'] });
        db.createObjectStore('scheduled', { keyPath: ['label', 'id'] });
        db.createObjectStore('meta');
      },
      // A newer version elsewhere: let it go, the next call opens it again.
      terminated() {
        opening = undefined;
      },
    }).then(
      (db) => {
        clearTimeout(timer);
        db.addEventListener('versionchange', () => {
          db.close();
          opening = undefined;
        });
        resolve(db);
      },
      (cause: unknown) => {
        clearTimeout(timer);
        reject(new BgkitError('storage-error', `Could not open the IndexedDB database "${DB_NAME}".`, undefined, { cause }));
      },
    );
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

/** Every key/value pair of one runner (its label), as a plain object. */
export async function readKV(label: string): Promise<Record<string, string>> {
  const db = await openStore();
  // [label, []] sorts after every [label, string]: arrays sort after strings in IndexedDB's key order.
  const records = await db.getAll('kv', IDBKeyRange.bound([label, ''], [label, []]));
  return Object.fromEntries(records.map((r) => [r.key, r.value]));
}
