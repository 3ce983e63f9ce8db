// Page helpers shared by the test app's specs (e2e/tests) and the inbox demo's (e2e/demo): both pages expose
// the public client as `window.bgkit`.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type * as Client from '@bgkit/client';

declare global {
  interface Window {
    bgkit: typeof Client;
  }
}

/** The runs of one task, newest first, read through the public client API. */
export function runsOf(page: Page, taskId: string) {
  return page.evaluate((taskId) => window.bgkit.BackgroundExecutionManager.runs({ taskId }), taskId);
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
 * The run history read from inside the service worker (its IndexedDB), for moments when no window of the app
 * is open to ask and opening one would change what is being tested. Empty while no worker runs.
 */
/** Reads a store of bgkit's database from inside the worker: no page of the app needs to be open. */
function readInWorker<T>(context: BrowserContext, store: string, key?: string): Promise<T | undefined> {
  const worker = context.serviceWorkers()[0];
  if (!worker) return Promise.resolve(undefined);
  return worker
    .evaluate(
      async ([store, key]) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(`bgkit ${(self as unknown as { registration: { scope: string } }).registration.scope}`);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const value = await new Promise<unknown>((resolve, reject) => {
          const objects = db.transaction(store).objectStore(store);
          const get = key === undefined ? objects.getAll() : objects.get(key);
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        });
        db.close();
        return value;
      },
      [store, key] as const,
    )
    .then((value) => value as T)
    .catch(() => undefined); // the worker stopped between the listing and the call
}

export async function runsInWorker(context: BrowserContext): Promise<{ taskId: string; name: string; status: string; source: string }[]> {
  const runs = await readInWorker<{ taskId: string; name: string; status: string; source: string }[]>(context, 'runs');
  return (runs ?? []).map(({ taskId, name, status, source }) => ({ taskId, name, status, source }));
}
