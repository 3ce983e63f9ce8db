// What the inbox tests share: opening the app, composing, reading the server's mailbox and the task history.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type * as Client from '@bgkit/client';
import { openApp, runsOf } from '../support/page';

export interface ServerMessage {
  id: string;
  folder: 'inbox' | 'sent' | 'archive';
  from: string;
  to: string;
  subject: string;
  body: string;
  clientId?: string;
}

/** Opens the app and waits until its tasks are registered. */
export function openInbox(page: Page, path = '/'): Promise<void> {
  return openApp(page, path, 20_000);
}

/** A subject no other test uses. */
export const unique = (what: string) => `${what} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function serverMessages(request: APIRequestContext): Promise<ServerMessage[]> {
  const response = await request.get('/api/messages');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { messages: ServerMessage[] }).messages;
}

/** New mail arriving on the server (the push endpoint keeps the mail even when no push can be delivered). */
export async function mailArrives(request: APIRequestContext, subject: string, from = 'Barbara Liskov <barbara@clu.example>'): Promise<ServerMessage> {
  const response = await request.post('/api/push', { data: { from, subject, body: `About ${subject}.` } });
  return ((await response.json()) as { mail: ServerMessage }).mail;
}

export async function compose(page: Page, message: { to: string; subject: string; body: string }): Promise<void> {
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByLabel('To').fill(message.to);
  await dialog.getByLabel('Subject').fill(message.subject);
  await dialog.getByLabel('Message').fill(message.body);
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(dialog).toBeHidden();
}

/** The task id of one of the app's registrations, as the activity panel shows it. */
export function taskId(page: Page, key: string): Promise<string> {
  return page.locator(`#activity [data-task="${key}"]`).getAttribute('data-task-id').then((id) => {
    if (!id) throw new Error(`no task ${key}`);
    return id;
  });
}

export type Run = Client.BackgroundTaskRun;

/** The finished runs of one of the app's tasks, newest first, read through the public client API. */
export async function finishedRuns(page: Page, key: string): Promise<Run[]> {
  const id = await taskId(page, key);
  const runs = await runsOf(page, id);
  return runs.filter((r) => r.status !== 'running' && r.status !== 'queued');
}

/** Notifications the app's worker is showing, as the page sees them. */
export function shownNotifications(page: Page) {
  return page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      actions: (n as unknown as { actions: { action: string; title: string }[] }).actions.map((a) => a.title),
      data: n.data as { value: { ids: string[] } },
    })),
  );
}
