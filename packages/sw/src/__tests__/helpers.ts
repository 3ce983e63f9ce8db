import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { resetBoot } from '../internal/api.js';
import { closeDb } from '../internal/db.js';
import { RegistrationStore } from '../internal/RegistrationStore.js';
import { PendingStore } from '../internal/PendingStore.js';
import { forgetRunCount } from '../internal/runner.js';
import { newBootForTests } from '../internal/runtime.js';

/** A brand-new, empty IndexedDB and a fresh worker lifetime: what a first install looks like. */
export async function freshWorld(): Promise<void> {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
  await restart();
}

/** What a worker restart looks like: same database, new lifetime, nothing in memory. */
export async function restart(): Promise<void> {
  await closeDb();
  RegistrationStore.forget();
  PendingStore.touched();
  forgetRunCount();
  resetBoot();
  newBootForTests();
}

export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeout = 3000): Promise<T> {
  // performance.now(), not Date.now(): some tests freeze the wall clock.
  const end = performance.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
