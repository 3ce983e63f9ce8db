// A Capacitor app's own code with the real @capacitor/core and @capacitor/background-runner, aliased to bgkit for the web.
import { test, expect } from '@bgkit/devtools/playwright/test';
import { LABEL, openRunnerApp } from './support';

test.use({ permissions: ['notifications', 'background-sync'] });

test('BackgroundRunner from @capacitor/background-runner works on the web through @capacitor/core', async ({ page }) => {
  await openRunnerApp(page, '/wired.html');
  const seen = await page.evaluate(async (label) => {
    const { wired } = window as unknown as { wired: { platform: string; available: boolean; BackgroundRunner: { dispatchEvent<T>(o: object): Promise<T>; checkPermissions(): Promise<unknown> }; stock: { dispatchEvent(o: object): Promise<unknown> } } };
    const result = await wired.BackgroundRunner.dispatchEvent({ label, event: 'echo', details: { user: { firstName: 'Cap', lastName: 'Acitor' } } });
    let rejected: string | null = null;
    try {
      await wired.BackgroundRunner.dispatchEvent({ label, event: 'rejects', details: {} });
    } catch (e) {
      rejected = (e as Error).message;
    }
    let stock: string | null = null;
    try {
      await wired.stock.dispatchEvent({ label, event: 'echo', details: {} });
    } catch (e) {
      stock = (e as Error).message;
    }
    return { platform: wired.platform, available: wired.available, result, rejected, permissions: await wired.BackgroundRunner.checkPermissions(), stock };
  }, LABEL);
  expect(seen).toEqual({
    platform: 'web',
    available: true,
    result: { firstName: 'Cap HELLO', lastName: 'Acitor WORLD' },
    rejected: 'The runner rejected this on purpose',
    // Playwright's grants deny what they do not list: geolocation here.
    permissions: { geolocation: 'denied', notifications: 'granted' },
    // What the plugin's own web implementation does, and what a PWA had before.
    stock: 'not available on web',
  });
});
