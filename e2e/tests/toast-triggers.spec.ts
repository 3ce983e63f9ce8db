// Real, trusted notificationclick and notificationclose events, through a fake notification server (see
// support/notifications).
import type { Page } from '@playwright/test';
import { ServiceWorkerCdp, type NotificationServer } from '@bgkit/devtools/playwright';
import { expect, openApp, registerTask, runDigest, test as base } from '../fixtures';
import { notificationFixtures, type NotificationFixtures } from '../support/notifications';
import { runsOf } from '../support/page';

const test = base.extend<NotificationFixtures>(notificationFixtures({ open: openApp }));

async function showDigest(page: Page, server: NotificationServer, count: number) {
  await runDigest(page, count);
  await expect.poll(() => server.shown.map((n) => n.summary)).toContain(`${count} new messages`);
  return server.shown.find((n) => n.summary === `${count} new messages`)!;
}

test('clicking an action button runs the ToastNotificationActionTrigger task with the action, tag and data', async ({ page, server }) => {
  const { taskId } = await registerTask(page, { name: 'On click', entryPoint: 'toast.react', trigger: { type: 'toastAction' } });
  const shown = await showDigest(page, server, 2);
  expect(shown.actions).toEqual(expect.arrayContaining(['Archive', 'Open']));
  server.click(shown.id, 'Archive');
  await expect.poll(async () => (await runsOf(page, taskId)).map((r) => r.status)).toEqual(['completed']);
  const [run] = await runsOf(page, taskId);
  expect(run).toMatchObject({
    source: 'notificationclick',
    trigger: 'toastAction',
    triggerDetails: { action: 'archive', tag: 'digest', title: '2 new messages', data: { value: { count: 2 } } },
  });
  await expect(page.locator('#activity')).toContainText('On click: archive on digest');
});

test('clicking the body runs it with an empty action, even with the page closed and the worker stopped', async ({ page, server, persistent }) => {
  const { taskId } = await registerTask(page, { name: 'On click', entryPoint: 'toast.react', trigger: { type: 'toastAction' } });
  const shown = await showDigest(page, server, 3);
  const cdp = await ServiceWorkerCdp.attach(page);
  await cdp.stopWorker();
  await cdp.detach();
  const blank = await persistent.newPage();
  await page.close();
  server.click(shown.id, 'default');
  const again = await persistent.newPage();
  await openApp(again);
  await expect.poll(async () => (await runsOf(again, taskId)).map((r) => r.status)).toEqual(['completed']);
  expect((await runsOf(again, taskId))[0]!.triggerDetails).toMatchObject({ action: '', tag: 'digest' });
  await blank.close();
});

test('dismissing a notification runs the ToastNotificationHistoryChangedTrigger task', async ({ page, server }) => {
  const { taskId } = await registerTask(page, { name: 'On dismiss', entryPoint: 'toast.react', trigger: { type: 'toastHistoryChanged' } });
  const shown = await showDigest(page, server, 4);
  server.dismiss(shown.id);
  await expect.poll(async () => (await runsOf(page, taskId)).map((r) => r.status)).toEqual(['completed']);
  expect((await runsOf(page, taskId))[0]).toMatchObject({ source: 'notificationclose', triggerDetails: { tag: 'digest' } });
});
