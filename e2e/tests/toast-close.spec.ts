// A ToastNotificationActionTrigger task closes the notification that was clicked: closeTaskNotification().
import { expect, test } from '@bgkit/devtools/playwright/test';
import { registerTask, requestOnce, runDigest } from '../fixtures';
import { openApp } from '../support/page';

test.use({ permissions: ['notifications'] });

const shown = (page: import('@playwright/test').Page, tag: string) =>
  page.evaluate(async (tag) => (await (await navigator.serviceWorker.ready).getNotifications({ tag })).map((n) => n.title), tag);

test('a click task closes the clicked notification, and only that one', async ({ page, bgkit }) => {
  await openApp(page);
  await registerTask(page, { name: 'Archive and close', entryPoint: 'toast.archive-and-close', trigger: { type: 'toastAction' } });
  await runDigest(page, 3);
  expect(await shown(page, 'digest')).toEqual(['3 new messages']);
  expect(await bgkit.clickNotification({ tag: 'digest', action: 'archive' })).toEqual({ via: 'simulated' });
  expect(await bgkit.waitForRun('Archive and close')).toMatchObject({ status: 'completed', result: { closed: 1 } });
  expect(await shown(page, 'digest')).toEqual([]);
});

test('closeTaskNotification() refuses a run that no notification started', async ({ page }) => {
  await openApp(page);
  // The app run's details are its arguments, not a notification's: the handler fails with the code, in the run.
  expect(await requestOnce(page, 'Close from an app run', 'toast.archive-and-close')).toMatchObject({ status: 'failed', code: 'invalid-argument' });
});
