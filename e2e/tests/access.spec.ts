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
  // Access refused: an ApplicationTrigger request is disabledByPolicy (Windows' answer) and starts nothing.
  const { taskId } = await registerTask(app, { name: 'Export', entryPoint: 'report.export', trigger: { type: 'application' } });
  const outcome = await app.evaluate(async (taskId) => {
    const registration = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!;
    const answer = await (registration.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ steps: 1 });
    return { answer, runs: (await registration.runs()).length };
  }, taskId);
  expect(outcome).toEqual({ answer: 'disabledByPolicy', runs: 0 });
});

test.describe('with notifications granted', () => {
  test.use({ permissions: ['notifications', 'background-sync'] });

  test('push tasks run, subject to system policy while storage is not persistent', async ({ page }) => {
    await openApp(page);
    await registerTask(page, needsPush);
    expect(await access(page)).toEqual({ requested: 'allowedSubjectToSystemPolicy', status: 'allowedSubjectToSystemPolicy' });
  });
});


test.describe('the access report', () => {
  test.use({ permissions: ['notifications', 'background-sync'] });

  test('names each part the registered tasks need and lack', async ({ page }) => {
    await openApp(page);
    const report = () => page.evaluate(() => window.bgkit.BackgroundExecutionManager.getAccessReport());
    // The test app asked for access on load; its own tasks need nothing that headless Chromium lacks but storage.
    expect(await report()).toEqual({ status: 'allowedSubjectToSystemPolicy', missing: ['persistentStorage'] });
    await registerTask(page, needsPush);
    expect(await access(page)).toEqual({ requested: 'allowedSubjectToSystemPolicy', status: 'allowedSubjectToSystemPolicy' });
    // Notifications are granted here; headless Chromium does not persist storage for a page that is not installed.
    expect(await report()).toEqual({ status: 'allowedSubjectToSystemPolicy', missing: ['persistentStorage'] });
    await registerTask(page, { name: 'every hour', entryPoint: 'inbox.refresh', trigger: { type: 'time', freshnessTime: 60, oneShot: false } });
    expect(await report()).toEqual({ status: 'allowedSubjectToSystemPolicy', missing: ['persistentStorage', 'periodicSync'] });
  });
});

test('without notification permission the report says notifications are what is missing', async ({ app }) => {
  await registerTask(app, needsPush);
  await access(app);
  expect(await app.evaluate(() => window.bgkit.BackgroundExecutionManager.getAccessReport())).toEqual({ status: 'deniedByUser', missing: ['notifications'] });
});
