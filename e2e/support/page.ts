// Page helpers shared by the test app's specs (e2e/tests) and the inbox demo's (e2e/demo): both pages expose
// the public client as `window.bgkit`.
import { expect, type Page } from '@playwright/test';
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
