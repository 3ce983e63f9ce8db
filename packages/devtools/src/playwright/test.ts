// SPDX-License-Identifier: MIT
// A Playwright test with a `bgkit` fixture: a BgkitDriver bound to the test's page.
import { test as base, expect } from '@playwright/test';
import { BgkitDriver, type BgkitDriverOptions } from './BgkitDriver.js';

export interface BgkitFixtures {
  /** The driver for the app in `page`. */
  bgkit: BgkitDriver;
  /** Options for the driver; set them with `test.use({ bgkitOptions: { ... } })`. */
  bgkitOptions: BgkitDriverOptions;
}

export const test = base.extend<BgkitFixtures>({
  bgkitOptions: [{}, { option: true }],
  bgkit: async ({ page, bgkitOptions }, use) => {
    const driver = await BgkitDriver.attach(page, bgkitOptions);
    await use(driver);
    await driver.detach();
  },
});

export { expect };
