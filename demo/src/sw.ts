/// <reference lib="webworker" />
// The inbox's service worker: the app shell is precached for offline use, and every piece of background work
// is a bgkit task. Which trigger starts which task is decided by the page (src/app/tasks.ts).
import {
  configure,
  defineTask,
  enableDevtools,
  enableRequestQueue,
  showTaskNotification,
  type ApplicationTriggerDetails,
  type BackgroundTaskInstance,
  type PushTriggerDetails,
  type SystemTriggerDetails,
  type ToastTriggerDetails,
} from '@bgkit/sw';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { archiveRequest, fetchChanges, readJson, sendRequest, type NewMailPush } from './mail/api';
import { senderName } from './mail/address';
import { toMbox } from './mail/mbox';
import {
  allMessages,
  completeDraft,
  getCursor,
  getMessage,
  listOutbox,
  mergeFromServer,
  pruneOlderThan,
  saveDraft,
  saveExport,
  updateMessage,
  type Message,
} from './mail/db';
import { ENTRY, type ArchiveArgs, type ExportArgs, type RefreshArgs } from './app/entryPoints';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null } | string> };

configure({ timeLimit: 30_000, historyLimit: 300 });
// The devtools panel's and the Playwright driver's simulations: under `vite`, and in a test build
// (`vite build --mode test`), as the README's vite-plugin-pwa recipe has it. The production worker carries
// none of that code.
if (import.meta.env.DEV || import.meta.env.MODE === 'test') enableDevtools();
// Sends and archives that fail for want of a network are kept and replayed on reconnect.
enableRequestQueue({ name: 'inbox-requests' });

// ── The app shell, for offline starts ─────────────────────────────────────────────────────────────────────
const shell = self.__WB_MANIFEST;
precacheAndRoute(shell);
cleanupOutdatedCaches();
if (shell.some((entry) => (typeof entry === 'string' ? entry : entry.url) === 'index.html')) {
  registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));
}

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// ── Shared steps ──────────────────────────────────────────────────────────────────────────────────────────

type Task = BackgroundTaskInstance<unknown>;

/** Catches up with the server; returns the messages new in the inbox. */
async function refresh(task: Task): Promise<Message[]> {
  const { messages, cursor } = await fetchChanges(await getCursor(), task.signal);
  return mergeFromServer(messages, cursor);
}


/** Tells the user about new mail, with Archive and Open right on the notification. */
async function notifyNewMail(task: Task, fresh: Message[]): Promise<void> {
  if (fresh.length === 0) return;
  const [first] = fresh as [Message];
  const title = fresh.length === 1 ? senderName(first.from) : `${fresh.length} new messages`;
  const body = fresh.length === 1 ? first.subject : fresh.map((m) => `${senderName(m.from)}: ${m.subject}`).join('\n');
  await showTaskNotification(task, title, {
    body,
    tag: 'new-mail',
    icon: '/icon-192.png',
    badge: '/icon-192.png',
    actions: [
      { action: 'archive', title: 'Archive' },
      { action: 'open', title: 'Open' },
    ],
    data: { ids: fresh.map((m) => m.id) },
  });
}

/** Archives on this device at once, and on the server now or, offline, when the connection is back. */
async function archive(task: Task, ids: string[]): Promise<{ archived: number; queued: number }> {
  let queued = 0;
  for (const id of ids) {
    await updateMessage(id, { folder: 'archive' });
    const response = await task.fetchOrQueue(...archiveRequest(id));
    if (!response) queued++;
    else if (response.status !== 404) await readJson(response);
  }
  return { archived: ids.length, queued };
}

// ── Tasks ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Fetches new mail (every 15 minutes when online, or when the page asks) and tells about it. */
defineTask<ApplicationTriggerDetails<RefreshArgs> | SystemTriggerDetails | undefined>(ENTRY.refresh, async (task) => {
  const fresh = await refresh(task);
  // The page asking, or the user just coming back, has someone looking at the inbox already: no notification.
  const details = task.triggerDetails;
  const quiet = details && (('arguments' in details && details.arguments?.quiet) || ('systemType' in details && details.systemType === 'userPresent'));
  if (!quiet) await notifyNewMail(task, fresh);
  return { newMessages: fresh.length };
});

/** Sends every draft in the outbox; offline, each request waits in the queue and goes out on reconnect. */
defineTask(ENTRY.send, async (task) => {
  const drafts = await listOutbox();
  let sent = 0;
  let queued = 0;
  let refused = 0;
  for (const [index, draft] of drafts.entries()) {
    const { clientId, to, subject, body } = draft;
    const response = await task.fetchOrQueue(...sendRequest({ clientId, to, subject, body }));
    if (!response) {
      if (draft.state !== 'queued') await saveDraft({ ...draft, state: 'queued' });
      queued++;
    } else if (response.ok) {
      const { message } = await readJson<{ message: Message }>(response);
      await completeDraft(clientId, message);
      sent++;
    } else {
      // The server refused it (not a network failure): keep the draft, with the reason, for the user to fix.
      const error = await readJson(response).catch((e: Error) => e.message);
      await saveDraft({ ...draft, error: String(error) });
      refused++;
    }
    task.progress = ((index + 1) / drafts.length) * 100;
  }
  return { sent, queued, refused };
});

/** A push from the server: fetch what arrived and tell the user. */
defineTask<PushTriggerDetails>(ENTRY.push, async (task) => {
  const push = task.triggerDetails.json as Partial<NewMailPush> | undefined;
  let fresh: Message[] = [];
  try {
    fresh = await refresh(task);
  } catch (error) {
    if (!push?.id) throw error;
  }
  // Another tab (or the periodic refresh) may have fetched it first: the push still means "tell the user".
  if (fresh.length === 0 && push?.id) {
    const pushed = await getMessage(push.id);
    fresh = [pushed ?? ({ id: push.id, folder: 'inbox', from: push.from ?? '', to: '', subject: push.subject ?? '', body: '', date: Date.now(), updatedAt: 0 } as Message)];
  }
  await notifyNewMail(task, fresh);
  return { newMessages: fresh.length, pushed: push?.id ?? null };
});

/** The message ids a new-mail notification carries (showTaskNotification wraps its data as `{ value }`). */
function idsOf(data: unknown): string[] {
  return ((data as { value?: { ids?: unknown[] } } | null)?.value?.ids ?? []).filter((id): id is string => typeof id === 'string');
}

/** A click on a notification: "Archive" works without a window; "Open" (or the body) shows the message. */
defineTask<ToastTriggerDetails>(ENTRY.notificationAction, async (task) => {
  const { action, data, tag } = task.triggerDetails;
  const ids = idsOf(data);
  for (const shown of await self.registration.getNotifications({ tag })) shown.close();
  if (action === 'archive') return { action, ...(await archive(task, ids)) };
  const hash = ids.length === 1 ? `#/inbox/${ids[0]}` : '#/inbox';
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => w.focused) ?? windows[0];
  if (open) {
    open.postMessage({ type: 'open', hash });
    await open.focus().catch(() => undefined);
    return { action: action || 'open', opened: hash, window: 'focused' };
  }
  await self.clients.openWindow(`/${hash}`);
  return { action: action || 'open', opened: hash, window: 'new' };
});

/** A new-mail notification the user dismissed: they have seen what it said, so its mail counts as read. */
defineTask<ToastTriggerDetails>(ENTRY.notificationDismissed, async (task) => {
  const ids = idsOf(task.triggerDetails.data);
  let marked = 0;
  for (const id of ids) if (await updateMessage(id, { read: true })) marked++;
  return { markedRead: marked };
});

/** Archive from the page: the same path as the notification's button, so it works offline too. */
defineTask<ApplicationTriggerDetails<ArchiveArgs>>(ENTRY.archive, async (task) => archive(task, task.triggerDetails.arguments.ids ?? []));

/** Prunes old cached mail (on AC power): the server keeps it, this device does not need to. */
defineTask(ENTRY.prune, async () => ({ pruned: await pruneOlderThan(60) }));

/** Writes the mailbox out as an mbox file, message by message, reporting progress to every open page. */
defineTask<ApplicationTriggerDetails<ExportArgs>>(ENTRY.export, async (task) => {
  const messages = await allMessages();
  const pace = Math.min(Math.max(task.triggerDetails.arguments.paceMs ?? 0, 0), 1000);
  const parts: string[] = [];
  for (const [index, message] of messages.entries()) {
    task.signal.throwIfAborted();
    parts.push(toMbox(message));
    task.progress = ((index + 1) / messages.length) * 100;
    // A big mailbox takes a while by itself; the demo's small one is paced so the progress can be followed.
    if (pace) await new Promise((resolve) => setTimeout(resolve, pace));
  }
  const createdAt = Date.now();
  const id = `export-${createdAt}`;
  const fileName = `mailbox-${new Date(createdAt).toISOString().slice(0, 10)}.mbox`;
  const text = parts.join('');
  await saveExport({ id, createdAt, fileName, count: messages.length, text });
  return { id, fileName, count: messages.length, bytes: new TextEncoder().encode(text).length };
});
