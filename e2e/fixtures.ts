import { test as base, expect, type Page } from '@playwright/test';
import { ServiceWorkerCdp } from '@bgkit/devtools/playwright';
import type * as Client from '@bgkit/client';

declare global {
  interface Window {
    bgkit: typeof Client;
  }
}

/** Opens the demo and waits until its tasks are registered with the worker. */
export async function openDemo(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout: 15_000 });
}

/**
 * Grants Periodic Background Sync to the page's origin in its own browser context (Playwright has no name for
 * that permission). The grant lasts only while the returned session stays attached: detach it at the end.
 */
export async function grantPeriodicSync(page: Page) {
  const pageSession = await page.context().newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  const browserSession = await page.context().browser()!.newBrowserCDPSession();
  await browserSession.send('Browser.setPermission', {
    origin: new URL(page.url()).origin,
    browserContextId: targetInfo.browserContextId,
    permission: { name: 'periodic-background-sync' },
    setting: 'granted',
  });
  return browserSession;
}

export /** Moves a time-triggered task's stored schedule a minute into the past, as if its time had come. */
function makeOverdue(page: Page, taskId: string) {
  return page.evaluate(async (taskId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(`bgkit ${location.origin}/`);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = db.transaction('registrations', 'readwrite').objectStore('registrations');
    await new Promise<void>((resolve, reject) => {
      const get = store.get(taskId);
      get.onsuccess = () => {
        const record = get.result;
        record.schedule.nextRunTime = Date.now() - 60_000;
        const put = store.put(record);
        put.onsuccess = () => resolve();
        put.onerror = () => reject(put.error);
      };
    });
    db.close();
  }, taskId);
}

export const test = base.extend<{ app: Page; cdp: ServiceWorkerCdp }>({
  app: async ({ page }, use) => {
    await openDemo(page);
    await use(page);
  },
  cdp: async ({ app }, use) => {
    const cdp = await ServiceWorkerCdp.attach(app);
    await use(cdp);
    await cdp.detach();
  },
});

export { expect };
