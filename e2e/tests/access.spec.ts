import type { Page } from '@playwright/test';
import { expect, openApp, registerTask, test, type TaskSpec } from '../fixtures';

const needsPush: TaskSpec = { name: 'needs push', entryPoint: 'push.received', trigger: { type: 'push' } };

const access = (page: Page) =>
  page.evaluate(async () => ({
    requested: await window.bgkit.BackgroundExecutionManager.requestAccess(),
    status: await window.bgkit.BackgroundExecutionManager.getAccessStatus(),
  }));

test('push tasks without notification permission: deniedByUser', async ({ app }) => {
  await registerTask(app, needsPush);
  // Headless Chromium answers the permission prompt with "denied".
  expect(await access(app)).toEqual({ requested: 'deniedByUser', status: 'deniedByUser' });
});

test.describe('with notifications granted', () => {
  test.use({ permissions: ['notifications', 'background-sync'] });

  test('push tasks run, subject to system policy while storage is not persistent', async ({ page }) => {
    await openApp(page);
    await registerTask(page, needsPush);
    expect(await access(page)).toEqual({ requested: 'allowedSubjectToSystemPolicy', status: 'allowedSubjectToSystemPolicy' });
  });
});

