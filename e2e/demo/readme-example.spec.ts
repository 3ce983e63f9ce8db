// The README's example test for the Playwright driver, verbatim (below this comment), so it is known to work.
import { test, expect } from '@bgkit/devtools/playwright/test';

test.use({ permissions: ['notifications', 'background-sync'] });

test('a push brings new mail, and the worker survives being killed', async ({ page, bgkit }) => {
  await page.goto('/');
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();   // the app registered its tasks

  expect(await bgkit.deliverPush({ type: 'new-mail' })).toEqual({ via: 'real' });
  const pushed = await bgkit.waitForRun('New mail push');                 // a task's registered name
  expect(pushed).toMatchObject({ status: 'completed', source: 'push' });

  await bgkit.setDeviceState({ online: false });                          // real: context.setOffline
  await bgkit.stopServiceWorker();                                        // as the browser kills it
  await bgkit.setDeviceState({ online: true });                           // the next call starts a new worker
  expect(await bgkit.runs({ taskName: 'New mail push', status: 'completed' })).toHaveLength(1);
});
