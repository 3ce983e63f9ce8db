// The offline story: a message written offline is kept, survives a reload and a killed worker, and reaches
// the server through a real Background Sync once the network is back, with no page open.
import type { Page } from '@playwright/test';
import { expect, test } from '@bgkit/devtools/playwright/test';
import { compose, finishedRuns, openInbox, serverMessages, unique } from './inbox';
import { readStore, runsInWorker, waitReady } from '../support/page';

/** Requests waiting in the worker's request queue (workbox-background-sync keeps them in IndexedDB). */
async function queuedRequests(page: Page): Promise<string[]> {
  const all = await readStore<{ queueName: string; requestData: { url: string } }>(page, 'workbox-background-sync', 'requests');
  return all.filter((r) => r.queueName === 'inbox-requests').map((r) => new URL(r.requestData.url).pathname);
}

test('a message composed offline is sent by a real sync on reconnect, exactly once', async ({ page, context, request, bgkit }) => {
  await openInbox(page);
  // The first check of the mail has come in: the inbox is on this device now.
  await expect(page.locator('#messages a').first()).toBeVisible();

  expect(await bgkit.setDeviceState({ online: false })).toEqual({ via: { online: 'real' } });
  await expect(page.locator('#network')).toHaveText('Offline');
  const subject = unique('Written on the train');
  await compose(page, { to: 'ada@analytical.example', subject, body: 'No signal here, but this will get there.' });
  await expect(page.locator('#toast')).toContainText('goes out when you are back online');

  // The Send task ran: its request waits in the worker's queue, the draft in the Outbox.
  await expect.poll(async () => (await finishedRuns(page, 'sendNow'))[0]?.result).toEqual({ sent: 0, queued: 1, refused: 0 });
  await expect(page.locator('[data-count="outbox"]')).toHaveText('1');
  expect(await queuedRequests(page)).toEqual(['/api/messages']);
  await page.getByRole('link', { name: /Outbox/ }).click();
  await expect(page.locator('#messages')).toContainText(subject);
  await expect(page.locator('#messages')).toContainText('Waiting for the network');
  expect((await serverMessages(request)).filter((m) => m.subject === subject)).toEqual([]);

  // Offline, the app still starts (from the precached shell) and the draft is still there.
  await page.reload();
  await waitReady(page, 20_000);
  await expect(page.locator('#network')).toHaveText('Offline');
  await expect(page.locator('#messages')).toContainText(subject);

  // The browser kills the worker, and every page of the app is closed: only the browser is left to send it.
  await bgkit.stopServiceWorker();
  await bgkit.detach();
  const blank = await context.newPage();
  await page.close();
  // What setDeviceState({ online: true }) does, but with no page of the app left to ask the worker.
  await context.setOffline(false);

  await expect.poll(async () => (await serverMessages(request)).filter((m) => m.subject === subject).map((m) => m.folder), { timeout: 20_000 }).toEqual(['sent']);

  // The request queue's sync and bgkit's reconnect sync are two registrations the browser fires on its own
  // schedule; a page opened before the second would report "online" itself and take its place. So wait for
  // the reconnect task's run in the worker, with no page of the app open.
  // The worker may also be starting just then (woken by the queue's own sync, say); its first look at
  // navigator.onLine then sees the network back before bgkit's sync is delivered, and the run's source is
  // 'worker'. Either way no page took part (the kit's own tests pin the sync path: e2e/tests/system-triggers).
  const fromWorker = async () =>
    (await runsInWorker(context)).filter((r) => r.name === 'Send when back online' && r.status === 'completed' && (r.source === 'sync' || r.source === 'worker'));
  await expect.poll(async () => (await fromWorker()).length, { timeout: 20_000 }).toBe(1);
  const again = await context.newPage();
  await openInbox(again, '/#/sent');
  await expect(again.locator('#messages')).toContainText(subject);
  await expect(again.locator('[data-count="outbox"]')).toHaveText('');
  await expect.poll(() => queuedRequests(again)).toEqual([]);
  // The history agrees: one reconnect run, from the worker (that no page took part is the count of all its
  // runs in the activity panel below).
  const reconnect = await finishedRuns(again, 'sendOnReconnect');
  expect(reconnect.filter((r) => r.status === 'completed' && (r.source === 'sync' || r.source === 'worker'))).toHaveLength(1);
  // The activity panel shows that one run, from the worker. What it says depends on who got there first:
  // the task ("1 sent"), or the queue's own replay, confirmed by a mail check that then closed the draft
  // ("outbox empty"; or "waiting for the network" when the task's own fetch came a moment too early).
  const runs = again.locator('#activity [data-task="sendOnReconnect"] .runs li');
  await expect(runs.and(again.locator('[data-status="completed"]'))).toHaveCount(1);
  await expect(runs).toHaveCount(1);
  await expect(runs).toHaveAttribute('data-source', /^(sync|worker)$/);
  // Replays of one message never make two (waiting past the worker's one-second look at the network).
  await again.waitForTimeout(1500);
  expect((await serverMessages(request)).filter((m) => m.subject === subject)).toHaveLength(1);
  await blank.close();
});

test('a message sent online goes out at once and lands in Sent', async ({ page, request }) => {
  await openInbox(page);
  const subject = unique('Quick reply');
  await compose(page, { to: 'alan@bletchley.example', subject, body: 'One it is.' });
  await expect.poll(async () => (await serverMessages(request)).filter((m) => m.subject === subject).map((m) => m.folder)).toEqual(['sent']);
  await page.getByRole('link', { name: 'Sent' }).click();
  await expect(page.locator('#messages')).toContainText(subject);
  await expect(page.locator('[data-count="outbox"]')).toHaveText('');
});

test('a message the server refuses stays in the Outbox with the reason', async ({ page, request }) => {
  await openInbox(page);
  const to = `${unique('empty').replace(/\W/g, '')}@example.com`;
  // Neither subject nor text: the form lets it through, the server does not.
  await compose(page, { to, subject: '', body: '' });
  await expect.poll(async () => (await finishedRuns(page, 'sendNow'))[0]?.result).toEqual({ sent: 0, queued: 0, refused: 1 });
  await page.getByRole('link', { name: /Outbox/ }).click();
  await expect(page.locator('#messages li', { hasText: to })).toContainText('Refused');
  await expect(page.locator('#messages li', { hasText: to })).toContainText('needs a subject or a body');
  expect((await serverMessages(request)).filter((m) => m.to === to)).toEqual([]);
});
