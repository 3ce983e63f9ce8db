// SPDX-License-Identifier: MIT
// The options each Expo task was registered with, and expo-background-fetch's global minimum interval, kept in
// IndexedDB next to bgkit's own database. The bgkit registrations stay the truth about what is registered:
// options are written after a registration succeeds and read only for tasks bgkit lists, so an entry left by a
// page closed half-way is never shown, and a registration without an entry falls back to its trigger.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { BgkitError } from '@bgkit/client';
import type { ExpoTaskType } from './names.js';

export const DB_NAME = 'bgkit-expo';

export interface StoredTask {
  taskName: string;
  taskType: ExpoTaskType;
  options: Record<string, unknown>;
}

interface Schema extends DBSchema {
  tasks: { key: string; value: StoredTask };
  settings: { key: string; value: { key: string; value: unknown } };
}

/** How long opening the database may take: a connection of another tab can hold an upgrade back (`blocked`). */
const OPEN_TIMEOUT_MS = 10_000;

let db: Promise<IDBPDatabase<Schema>> | null = null;

function open(): Promise<IDBPDatabase<Schema>> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(new BgkitError('unsupported-browser', 'This browser has no IndexedDB: bgkit cannot keep Expo task options.'));
  }
  db ??= withTimeout(openDB<Schema>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('tasks', { keyPath: 'taskName' });
      database.createObjectStore('settings', { keyPath: 'key' });
    },
    // Another tab upgrading or deleting the database: let it, and open again at the next call.
    blocking() {
      void db?.then((d) => d.close());
      db = null;
    },
  })).catch((cause: unknown) => {
    db = null;
    throw new BgkitError('storage-error', `Could not open the ${DB_NAME} database.`, undefined, { cause });
  });
  return db;
}

function withTimeout<T extends { close(): void }>(opening: Promise<T>): Promise<T> {
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`opening took longer than ${OPEN_TIMEOUT_MS / 1000} s`));
    }, OPEN_TIMEOUT_MS);
  });
  // A connection that arrives after the timeout is closed, so that it cannot block a later upgrade in turn.
  opening.then((connection) => timedOut && connection.close(), () => undefined);
  return Promise.race([opening, timeout]).finally(() => clearTimeout(timer));
}

export async function readTask(taskName: string): Promise<StoredTask | undefined> {
  return (await open()).get('tasks', taskName);
}

export async function readTasks(): Promise<Map<string, StoredTask>> {
  return new Map((await (await open()).getAll('tasks')).map((t) => [t.taskName, t]));
}

export async function writeTask(task: StoredTask): Promise<void> {
  await (await open()).put('tasks', task);
}

export async function deleteTasks(taskNames: readonly string[]): Promise<void> {
  const tx = (await open()).transaction('tasks', 'readwrite');
  await Promise.all([...taskNames.map((name) => tx.store.delete(name)), tx.done]);
}

export async function readSetting<T>(key: string): Promise<T | undefined> {
  return (await (await open()).get('settings', key))?.value as T | undefined;
}

export async function writeSetting(key: string, value: unknown): Promise<void> {
  await (await open()).put('settings', { key, value });
}
