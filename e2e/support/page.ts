// Page helpers shared by the test app's specs (e2e/tests) and the inbox demo's (e2e/demo): both pages expose
// the public client as `window.bgkit`.
import { expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { storageName } from '@bgkit/sw/protocol';
import type * as Client from '@bgkit/client';
import { callMessage, rawCall } from './faults';

declare global {
  interface Window {
    bgkit: typeof Client;
  }
}

/** Waits until the app in `page` has registered its tasks with the worker (both apps mark <body data-ready>). */
export async function waitReady(page: Page, timeout = 15_000): Promise<void> {
  await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout });
}

/** Opens an app at `url` and waits until it is ready. */
export async function openApp(page: Page, url = '/', timeout?: number): Promise<void> {
  await page.goto(url);
  await waitReady(page, timeout);
}

/** What the worker believes of the device, read through the public client API. */
export function deviceState(page: Page) {
  return page.evaluate(() => window.bgkit.BackgroundExecutionManager.deviceState());
}

/** The pending triggers (of one task, or all), read through the public client API. */
export async function pendingOf(page: Page, taskId?: string) {
  const pending = await page.evaluate(() => window.bgkit.BackgroundExecutionManager.pending());
  return taskId === undefined ? pending : pending.filter((p) => p.taskId === taskId);
}

/** The runs of one task, newest first, read through the public client API. */
export function runsOf(page: Page, taskId: string) {
  return page.evaluate((taskId) => window.bgkit.BackgroundExecutionManager.runs({ taskId }), taskId);
}

/**
 * The kit clock as the active worker reads it (a worker just started reads its offset back from IndexedDB
 * first), asked over the kit's own wire: what the driver's advanceTime() reads before it moves the clock.
 */
export async function kitClock(page: Page): Promise<{ offset: number; now: number }> {
  const reply = await rawCall(page, callMessage('simulate', [{ kind: 'clock' }]), 10_000);
  if (!reply?.ok) throw new Error(reply ? JSON.stringify(reply.error) : 'no answer within 10 s');
  return (reply.value as { clock: { offset: number; now: number } }).clock;
}

const SETTLED: readonly string[] = ['completed', 'failed', 'canceled'];

/** Waits until `count` runs of the task have ended (in one of `statuses`), then resolves with all its runs, newest first. */
export async function settledRuns(page: Page, taskId: string, count: number, statuses: readonly string[] = SETTLED) {
  await expect.poll(async () => (await runsOf(page, taskId)).filter((r) => statuses.includes(r.status)).length).toBe(count);
  return runsOf(page, taskId);
}

/** As settledRuns, counting completed runs only. */
export function completedRuns(page: Page, taskId: string, count: number) {
  return settledRuns(page, taskId, count, ['completed']);
}

/** Headless pages are always visible: this is what a switch to another tab and back looks like to the page. */
export function setVisibility(page: Page, state: 'hidden' | 'visible') {
  return page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/**
 * Every record of one IndexedDB store, read inside a page or a worker of the app (for what no API shows: the
 * request queue's, or bgkit's own records while no window of the app is open).
 */
export function readStore<T>(target: Pick<Worker, 'evaluate'>, database: string, store: string): Promise<T[]> {
  return target.evaluate(
    async ([database, store]) => {
      // A database that does not exist yet is not created empty: the worker would then skip its migrations.
      let missing = false;
      const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
        const open = indexedDB.open(database);
        open.onupgradeneeded = () => {
          missing = true;
          open.transaction!.abort();
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => (missing ? resolve(null) : reject(open.error));
      });
      if (!db) return [];
      try {
        if (!db.objectStoreNames.contains(store)) return [];
        return await new Promise<unknown[]>((resolve, reject) => {
          const get = db.transaction(store).objectStore(store).getAll();
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        });
      } finally {
        db.close();
      }
    },
    [database, store] as const,
  ) as Promise<T[]>;
}

/** bgkit's database for an app served at the root of `url`'s origin (as both test apps are). */
export function bgkitDatabase(url: string): string {
  return storageName(new URL('/', url).href);
}

/**
 * The run history read from inside the service worker, for moments when no window of the app is open to ask
 * and opening one would change what is being tested. Empty while no worker runs.
 */
export async function runsInWorker(context: BrowserContext): Promise<{ taskId: string; name: string; status: string; source: string }[]> {
  const worker = context.serviceWorkers()[0];
  if (!worker) return [];
  const runs = await readStore<{ taskId: string; name: string; status: string; source: string }>(worker, bgkitDatabase(worker.url()), 'runs')
    .catch(() => []); // the worker stopped between the listing and the call
  return runs.map(({ taskId, name, status, source }) => ({ taskId, name, status, source }));
}
