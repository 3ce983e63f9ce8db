// The periodic refresh: the browser's periodicsync wakes the worker, which fetches new mail, stores it on the
// device and notifies with "Archive" and "Open" buttons.
import { expect, test } from '@playwright/test';
import { driveWorker, grantPeriodicSync } from './driver';
import { finishedRuns, mailArrives, openInbox, shownNotifications, taskId, unique } from './inbox';

test('a periodicsync fetches new mail into the inbox and notifies about it', async ({ page, baseURL, request }) => {
  // Granted before the app registers its tasks, so the refresh is scheduled with the browser.
  const grant = await grantPeriodicSync(page, new URL(baseURL!).origin);
  await openInbox(page);
  await expect(page.locator('#activity [data-task="refresh"] .task-when')).toContainText('(periodic sync)');
  // The app's own check on start has run: what comes now is new.
  await expect.poll(async () => (await finishedRuns(page, 'check')).length).toBeGreaterThan(0);

  const subject = unique('Compiler notes');
  const mail = await mailArrives(request, subject, 'Frances Allen <fran@compilers.example>');
  await expect(page.locator(`#messages a[data-id="${mail.id}"]`)).toHaveCount(0);

  const worker = await driveWorker(page);
  await worker.periodicSync(await taskId(page, 'refresh'));
  await expect.poll(async () => (await finishedRuns(page, 'refresh')).map((r) => [r.status, r.source, r.result])).toEqual([
    ['completed', 'periodicsync', { newMessages: 1 }],
  ]);

  await expect(page.locator(`#messages a[data-id="${mail.id}"]`)).toContainText(subject);
  const notifications = await shownNotifications(page);
  expect(notifications).toHaveLength(1);
  expect(notifications[0]).toMatchObject({ title: 'Frances Allen', body: subject, tag: 'new-mail', actions: ['Archive', 'Open'], data: { value: { ids: [mail.id] } } });
  await expect(page.locator('#activity [data-task="refresh"] .runs')).toContainText('1 new message');

  // Nothing new: a second refresh fetches nothing and stays quiet.
  await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).forEach((n) => n.close()));
  await worker.periodicSync(await taskId(page, 'refresh'));
  // A periodicsync right after a run is the same period (bgkit claims at most one run per half interval).
  await page.waitForTimeout(1000);
  expect((await finishedRuns(page, 'refresh')).length).toBe(1);
  expect(await shownNotifications(page)).toEqual([]);
  await worker.detach();
  await grant.detach();
});
