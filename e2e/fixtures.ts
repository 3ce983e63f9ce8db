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
