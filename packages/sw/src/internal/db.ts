// SPDX-License-Identifier: MIT
// The typed IndexedDB schema and its migrations. Only the worker opens this database; pages ask the worker.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { BgkitError } from '../BgkitError.js';
import { DEV } from './log.js';
import { storageName, type BackgroundAccessStatus, type DeviceOverrides, type GroupRecord, type PendingRecord, type RegistrationRecord, type StoredRun } from '../protocol.js';

/** The scope of this worker's registration; undefined outside a service worker (unit tests). */
export function workerScope(): string | undefined {
  return (globalThis as { registration?: { scope?: string } }).registration?.scope;
}

/** The `meta` store's single records: each key with the shape stored under it, written once. */
export interface MetaRecords {
  /** What requestAccess() stored (setAccess); absent: never asked, or removed by removeAccess(). */
  access: BackgroundAccessStatus;
  /** What pages reported of the device, merged field by field (device.ts). */
  device: DeviceOverrides;
  /** Devtools' overrides of the device state, on top of the reports until reset. */
  'device:simulated': DeviceOverrides;
  /** The kit clock's offset from real time in ms, set by a devtools `clock` simulation (simulatedClock.ts). */
  clockOffset: number;
}

export type MetaKey = keyof MetaRecords;

export interface BgkitDB extends DBSchema {
  registrations: {
    key: string;
    value: RegistrationRecord;
    indexes: { byName: string; byGroup: string };
  };
  groups: { key: string; value: GroupRecord };
  runs: {
    key: string;
    value: StoredRun;
    indexes: { byTask: [string, number]; byStatus: string; byCreated: number };
  };
  /** Single records by key (MetaRecords), read and written through MetaStore.ts. */
  meta: { key: MetaKey; value: MetaRecords[MetaKey] };
  pending: { key: string; value: PendingRecord; indexes: { byTask: string } };
  /**
   * Finished runs whose `completed` pages may not have heard yet, by instance id: written in the transaction
   * that stores the final state, deleted once it was broadcast. A worker killed in between leaves the key,
   * and the next worker announces the run (see announceLeftovers() in runner.ts).
   */
  announcements: { key: string; value: number };
}

type UpgradeTx = IDBPTransaction<BgkitDB, StoreNames<BgkitDB>[], 'versionchange'>;

/**
 * migrations[n] moves a database from version n to n + 1. Append, never edit: a user's database may be at
 * any older version, and every step must carry its data forward.
 */
export const migrations: ReadonlyArray<(db: IDBPDatabase<BgkitDB>, tx: UpgradeTx) => void> = [
  (db) => {
    const registrations = db.createObjectStore('registrations', { keyPath: 'taskId' });
    registrations.createIndex('byName', 'name', { unique: true });
    registrations.createIndex('byGroup', 'groupId');
    db.createObjectStore('groups', { keyPath: 'id' });
    const runs = db.createObjectStore('runs', { keyPath: 'instanceId' });
    runs.createIndex('byTask', ['taskId', 'createdAt']);
    runs.createIndex('byStatus', 'status');
    runs.createIndex('byCreated', 'createdAt');
    db.createObjectStore('meta');
  },
  // 2: triggers waiting for their task's conditions.
  (db) => {
    db.createObjectStore('pending', { keyPath: 'id' }).createIndex('byTask', 'taskId');
  },
  // 3: finished runs not yet announced to pages (out-of-line keys: the instance id; value: when it finished).
  (db) => {
    db.createObjectStore('announcements');
  },
];

export const DB_VERSION = migrations.length;

let opening: Promise<IDBPDatabase<BgkitDB>> | undefined;

export function getDb(): Promise<IDBPDatabase<BgkitDB>> {
  opening ??= openDB<BgkitDB>(storageName(workerScope()), DB_VERSION, {
    // Opened at DB_VERSION, so an upgrade runs every migration from the stored version on.
    upgrade(db, oldVersion, _newVersion, tx) {
      for (const migrate of migrations.slice(oldVersion)) migrate(db, tx);
    },
    // A newer worker wants to upgrade: let go, and reopen on next use (the newer code will then own it).
    blocking() {
      void opening?.then((db) => db.close());
      opening = undefined;
    },
    terminated() {
      opening = undefined;
    },
  }).catch((error: unknown) => {
    opening = undefined;
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new BgkitError(
        'storage-version',
        !DEV ? '' : `The bgkit database was written by a newer version (this code knows version ${DB_VERSION}); it was left untouched.`,
        { known: DB_VERSION },
        { cause: error },
      );
    }
    throw new BgkitError('storage-error', DEV ? 'Could not open the bgkit database.' : '', undefined, { cause: error });
  });
  return opening;
}

/**
 * An IndexedDB failure as a BgkitError: `storage-full` when the origin's quota is used up (a write larger
 * than what is left, or a store already full), `storage-error` for any other; `details.name` keeps the
 * browser's error name and `cause` the error itself. Anything else (a BgkitError, a task's own error) is
 * returned as it is.
 */
export function storageError(error: unknown): unknown {
  // Every DOMException the worker's storage paths meet is IndexedDB's (QuotaExceededError, AbortError,
  // UnknownError, DataCloneError, ...): nothing else on those paths throws one.
  if (!(error instanceof DOMException)) return error;
  const full = error.name === 'QuotaExceededError';
  return new BgkitError(
    full ? 'storage-full' : 'storage-error',
    !DEV ? '' : full ? 'The storage quota of this origin is used up: IndexedDB refused the write.' : `IndexedDB failed (${error.name}${error.message ? `: ${error.message}` : ''}).`,
    { name: error.name },
    { cause: error },
  );
}

/** For tests: forget the open connection (after closing it). */
export async function closeDb(): Promise<void> {
  const db = await opening?.catch(() => undefined);
  db?.close();
  opening = undefined;
}
