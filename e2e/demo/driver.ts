// Everything these tests ask of the browser beyond what a user does: the service worker's own events
// (push, periodic sync), stopping the worker, and the periodic-sync permission. Kept in this one file so a
// higher-level test driver can replace it.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { ServiceWorkerCdp } from '@bgkit/devtools/playwright';

export interface WorkerDriver {
  /** Delivers a push message to the app's worker, as a push service would. */
  push(data: unknown): Promise<void>;
  /** Fires the periodic sync the browser holds for a time-triggered task. */
  periodicSync(taskId: string): Promise<void>;
  /** Stops the worker as the browser does when it is idle: work in flight dies with it. */
  stopWorker(): Promise<void>;
  detach(): Promise<void>;
}

export async function driveWorker(page: Page): Promise<WorkerDriver> {
  const cdp = await ServiceWorkerCdp.attach(page);
  return {
    push: (data) => cdp.deliverPush(typeof data === 'string' ? data : JSON.stringify(data)),
    // bgkit's tag for a task's periodic sync.
    periodicSync: (taskId) => cdp.dispatchPeriodicSync(`bgkit:${taskId}`),
    stopWorker: () => cdp.stopWorker(),
    detach: () => cdp.detach(),
  };
}

/**
 * Grants Periodic Background Sync to `origin` in the page's browser context (Playwright has no name for it).
 * Grant it before the app registers its tasks. The grant lasts while the returned session stays attached.
 */
export async function grantPeriodicSync(page: Page, origin: string): Promise<CDPSession> {
  const pageSession = await page.context().newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  const browserSession = await page.context().browser()!.newBrowserCDPSession();
  await browserSession.send('Browser.setPermission', {
    origin,
    browserContextId: targetInfo.browserContextId,
    permission: { name: 'periodic-background-sync' },
    setting: 'granted',
  });
  return browserSession;
}

/** Emulates losing (and getting back) the network for pages and the worker alike. */
export function setOffline(context: BrowserContext, offline: boolean): Promise<void> {
  return context.setOffline(offline);
}
