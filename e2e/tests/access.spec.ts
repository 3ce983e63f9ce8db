import type { Page } from '@playwright/test';
import { expect, openDemo, test } from '../fixtures';

function registerKind(page: Page, kind: 'push' | 'time') {
  return page.evaluate(async (kind) => {
    const { BackgroundTaskBuilder, PushNotificationTrigger, TimeTrigger } = window.bgkit;
    const builder = new BackgroundTaskBuilder();
    builder.name = `needs ${kind}`;
    builder.taskEntryPoint = kind === 'push' ? 'push.received' : 'inbox.refresh';
    builder.setTrigger(kind === 'push' ? new PushNotificationTrigger() : new TimeTrigger(15, false));
    await builder.register();
  }, kind);
}

const access = (page: Page) =>
  page.evaluate(async () => ({
    requested: await window.bgkit.BackgroundExecutionManager.requestAccess(),
    status: await window.bgkit.BackgroundExecutionManager.getAccessStatus(),
  }));

test('push tasks without notification permission: deniedByUser', async ({ app }) => {
  await registerKind(app, 'push');
  // Headless Chromium answers the permission prompt with "denied".
  expect(await access(app)).toEqual({ requested: 'deniedByUser', status: 'deniedByUser' });
});

test.describe('with notifications granted', () => {
  test.use({ permissions: ['notifications', 'background-sync'] });

  test('push tasks run, subject to system policy while storage is not persistent', async ({ page }) => {
    await openDemo(page);
    await registerKind(page, 'push');
    expect(await access(page)).toEqual({ requested: 'allowedSubjectToSystemPolicy', status: 'allowedSubjectToSystemPolicy' });
  });
});

