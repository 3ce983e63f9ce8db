// Real, trusted notificationclick and notificationclose events: Chromium shows notifications through a fake
// freedesktop notification server, the test clicks and dismisses them there. This works only in a
// persistent (regular) profile, so these tests launch their own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { ServiceWorkerCdp } from '@bgkit/devtools/playwright';
import { expect, openDemo, runDigest, test as base } from '../fixtures';
import { startNotificationServer, type NotificationServer } from '../support/notificationServer';

const test = base.extend<{ server: NotificationServer; persistent: BrowserContext; page: Page }>({
  server: async ({}, use) => {
    const server = await startNotificationServer();
    await use(server);
    await server.stop();
  },
  persistent: async ({ playwright, server, baseURL, launchOptions }, use) => {
    const profile = await mkdtemp(join(tmpdir(), 'bgkit-profile-'));
    const context = await playwright.chromium.launchPersistentContext(profile, {
      ...launchOptions,
      headless: true,
      baseURL,
      permissions: ['notifications', 'background-sync'],
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: server.address },
    });
    await use(context);
    await context.close();
    await rm(profile, { recursive: true, force: true });
  },
  page: async ({ persistent }, use) => {
    const page = persistent.pages()[0] ?? (await persistent.newPage());
    await openDemo(page);
    await use(page);
  },
});

function register(page: Page, type: 'action' | 'history') {
  return page.evaluate(async (type) => {
    const { BackgroundTaskBuilder, ToastNotificationActionTrigger, ToastNotificationHistoryChangedTrigger } = window.bgkit;
    const builder = new BackgroundTaskBuilder();
    builder.name = type === 'action' ? 'On click' : 'On dismiss';
    builder.taskEntryPoint = 'toast.react';
    builder.setTrigger(type === 'action' ? new ToastNotificationActionTrigger() : new ToastNotificationHistoryChangedTrigger());
    return (await builder.register()).taskId;
  }, type);
}

async function showDigest(page: Page, server: NotificationServer, count: number) {
  await runDigest(page, count);
  await expect.poll(() => server.shown.map((n) => n.summary)).toContain(`${count} new messages`);
  return server.shown.find((n) => n.summary === `${count} new messages`)!;
}

const runsOf = (page: Page, taskId: string) => page.evaluate((id) => window.bgkit.BackgroundExecutionManager.runs({ taskId: id }), taskId);

test('clicking an action button runs the ToastNotificationActionTrigger task with the action, tag and data', async ({ page, server }) => {
  const taskId = await register(page, 'action');
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
  const taskId = await register(page, 'action');
  const shown = await showDigest(page, server, 3);
  const cdp = await ServiceWorkerCdp.attach(page);
  await cdp.stopWorker();
  await cdp.detach();
  const blank = await persistent.newPage();
  await page.close();
  server.click(shown.id, 'default');
  const again = await persistent.newPage();
  await openDemo(again);
  await expect.poll(async () => (await runsOf(again, taskId)).map((r) => r.status)).toEqual(['completed']);
  expect((await runsOf(again, taskId))[0]!.triggerDetails).toMatchObject({ action: '', tag: 'digest' });
  await blank.close();
});

test('dismissing a notification runs the ToastNotificationHistoryChangedTrigger task', async ({ page, server }) => {
  const taskId = await register(page, 'history');
  const shown = await showDigest(page, server, 4);
  server.dismiss(shown.id);
  await expect.poll(async () => (await runsOf(page, taskId)).map((r) => r.status)).toEqual(['completed']);
  expect((await runsOf(page, taskId))[0]).toMatchObject({ source: 'notificationclose', triggerDetails: { tag: 'digest' } });
});
