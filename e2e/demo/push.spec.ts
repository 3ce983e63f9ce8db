// New mail pushed by the server, shown as a notification whose buttons work without the app: "Archive"
// archives in the background, "Open" shows the message. Real, trusted notification clicks need a notification
// server on a private D-Bus and a regular (persistent) browser profile, so these tests launch their own
// (support/notifications).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { NotificationServer } from '@bgkit/devtools/playwright';
import { expect, test as base } from '@bgkit/devtools/playwright/test';
import { notificationFixtures, type NotificationFixtures } from '../support/notifications';
import { finishedRuns, mailArrives, openInbox, serverMessages, unique } from './inbox';

const test = base.extend<NotificationFixtures>({
  ...notificationFixtures({ open: openInbox }),
  // With the server, the driver's notification clicks are real, trusted notificationclick events.
  bgkitOptions: async ({ server }, use) => use({ notifications: server }),
});

/** A subscription the server will try to push to; its push service cannot be reached from here. */
function unreachableSubscription() {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-65);
  return { endpoint: `https://push.invalid/${randomBytes(8).toString('hex')}`, keys: { p256dh: raw.toString('base64url'), auth: randomBytes(16).toString('base64url') } };
}

async function notificationAbout(server: NotificationServer, title: string, subject: string) {
  const find = () => server.shown.find((n) => n.summary === title && n.body.includes(subject));
  await expect.poll(() => server.shown.map((n) => `${n.summary} / ${n.body}`)).toContainEqual(expect.stringContaining(`${title} / `));
  await expect.poll(() => find() !== undefined).toBe(true);
  return find()!;
}

test('"Send me a push" fails clearly without a reachable push service, and the push then archives from its notification', async ({ page, server, bgkit, request }) => {
  expect((await request.post('/api/push/subscriptions', { data: unreachableSubscription() })).status()).toBe(201);

  await page.getByRole('button', { name: 'Send me a push' }).click();
  // The server kept the mail but could not push it: the app says so and fetches the mail itself.
  await expect(page.locator('#toast')).toContainText('The push did not go out');
  await expect(page.locator('#toast')).toContainText('could not be reached');
  const pushed = (await serverMessages(request)).filter((m) => m.subject === 'Priority displays').at(-1)!;
  expect(pushed.folder).toBe('inbox');
  await expect(page.locator(`#messages a[data-id="${pushed.id}"]`)).toBeVisible();

  // The push a reachable push service would have delivered.
  expect(await bgkit.deliverPush({ type: 'new-mail', id: pushed.id, from: pushed.from, subject: pushed.subject })).toEqual({ via: 'real' });
  expect(await bgkit.waitForRun('New mail push')).toMatchObject({ status: 'completed', source: 'push' });
  const shown = await notificationAbout(server, 'Margaret Hamilton', 'Priority displays');
  expect(shown.actions).toEqual(expect.arrayContaining(['Archive', 'Open']));
  expect((await finishedRuns(page, 'push')).map((r) => [r.status, r.source])).toEqual([['completed', 'push']]);

  // The user presses "Archive" on the notification: no window opens, the server archives it.
  const pagesBefore = page.context().pages().length;
  expect(await bgkit.clickNotification({ tag: 'new-mail', action: 'archive' })).toEqual({ via: 'real' });
  await expect.poll(async () => (await serverMessages(request)).find((m) => m.id === pushed.id)?.folder).toBe('archive');
  await expect.poll(async () => (await finishedRuns(page, 'notificationAction'))[0]).toMatchObject({
    status: 'completed',
    source: 'notificationclick',
    result: { action: 'archive', archived: 1, queued: 0 },
  });
  expect(page.context().pages()).toHaveLength(pagesBefore);
  // The open page follows: gone from the inbox, in the archive.
  await expect(page.locator(`#messages a[data-id="${pushed.id}"]`)).toHaveCount(0);
  await page.getByRole('link', { name: 'Archive' }).first().click();
  await expect(page.locator(`#messages a[data-id="${pushed.id}"]`)).toBeVisible();
  await expect(page.locator('#activity [data-task="notificationAction"] .runs')).toContainText('archived 1 message from a notification');
});

test('"Open" on a new-mail notification shows that message in the open window', async ({ page, server, bgkit, request }) => {
  const subject = unique('Reading list');
  const mail = await mailArrives(request, subject, 'Frances Allen <fran@compilers.example>');
  await bgkit.deliverPush({ type: 'new-mail', id: mail.id, from: mail.from, subject });
  await notificationAbout(server, 'Frances Allen', subject);
  expect(await bgkit.clickNotification({ tag: 'new-mail', action: 'open' })).toEqual({ via: 'real' });
  await expect(page).toHaveURL(new RegExp(`#/inbox/${mail.id}$`));
  await expect(page.locator('#reader h1')).toHaveText(subject);
  await expect.poll(async () => (await finishedRuns(page, 'notificationAction'))[0]).toMatchObject({
    status: 'completed',
    result: { action: 'open', opened: `#/inbox/${mail.id}`, window: 'focused' },
  });
});

test('dismissing a new-mail notification marks its mail read, in the background', async ({ page, server, bgkit, request }) => {
  const subject = unique('Seen it');
  const mail = await mailArrives(request, subject, 'Grace Hopper <grace@navy.example>');
  await bgkit.deliverPush({ type: 'new-mail', id: mail.id, from: mail.from, subject });
  await notificationAbout(server, 'Grace Hopper', subject);
  await expect(page.locator(`#messages a[data-id="${mail.id}"]`)).toHaveClass(/unread/);
  expect(await bgkit.closeNotification({ tag: 'new-mail' })).toEqual({ via: 'real' });
  expect(await bgkit.waitForRun('Notification dismissed')).toMatchObject({ status: 'completed', source: 'notificationclose', result: { markedRead: 1 } });
  await expect(page.locator(`#messages a[data-id="${mail.id}"]`)).not.toHaveClass(/unread/);
  await expect(page.locator('#activity [data-task="notificationDismissed"] .runs')).toContainText('1 message marked read');
});
