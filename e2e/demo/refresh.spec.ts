// The periodic refresh: the browser's periodicsync wakes the worker, which fetches new mail, stores it on the
// device and notifies with "Archive" and "Open" buttons.
import { expect, test } from '@bgkit/devtools/playwright/test';
import { finishedRuns, mailArrives, openInbox, shownNotifications, unique } from './inbox';

test('a periodicsync fetches new mail into the inbox and notifies about it', async ({ page, baseURL, request, bgkit }) => {
  // Granted before the app registers its tasks, so the refresh is scheduled with the browser.
  await bgkit.grantPeriodicSync(new URL(baseURL!).origin);
  await openInbox(page);
  await expect(page.locator('#activity [data-task="refresh"] .task-when')).toContainText('(periodic sync)');
  // The app's own check on start has run: what comes now is new.
  await expect.poll(async () => (await finishedRuns(page, 'check')).length).toBeGreaterThan(0);

  const subject = unique('Compiler notes');
  const mail = await mailArrives(request, subject, 'Frances Allen <fran@compilers.example>');
  await expect(page.locator(`#messages a[data-id="${mail.id}"]`)).toHaveCount(0);

  const tag = await bgkit.periodicSyncTag('Refresh inbox');
  expect(await bgkit.dispatchPeriodicSync(tag)).toEqual({ via: 'real' });
  expect(await bgkit.waitForRun('Refresh inbox')).toMatchObject({ status: 'completed', source: 'periodicsync', result: { newMessages: 1 } });
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
  await bgkit.dispatchPeriodicSync(tag);
  // A periodicsync right after a run is the same period (bgkit claims at most one run per half interval).
  await page.waitForTimeout(1000);
  expect((await finishedRuns(page, 'refresh')).length).toBe(1);
  expect(await shownNotifications(page)).toEqual([]);
});
