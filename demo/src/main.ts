// The inbox page: draws the mailbox kept on this device, and leaves every piece of background work (fetching,
// sending, archiving, pruning, exporting) to tasks in the service worker, registered in ./app/tasks.ts.
import * as bgkit from '@bgkit/client';
import { BackgroundExecutionManager, subscribeToPush, type BackgroundTaskRun } from '@bgkit/client';
import { pendingTriggers, runs as allRuns } from '@bgkit/client/devtools';
import { registerSW } from 'virtual:pwa-register';
import { ActivityPanel } from './app/activity';
import { $, el } from './app/dom';
import { registerTasks, request, type InboxTasks } from './app/tasks';
import { parseRoute, renderMailbox, type ReaderActions } from './app/views';
import { readJson } from './mail/api';
import { deleteDraft, getExport, listOutbox, saveDraft, updateMessage } from './mail/db';
import './style.css';

declare global {
  interface Window {
    /** The client API, for the console. */
    bgkit: typeof bgkit;
  }
}
window.bgkit = bgkit;

// vite-plugin-pwa registers the worker, as the README's recipe does: /sw.js, or under `vite` /dev-sw.js?dev-sw
// as a module. bgkit's calls wait for it to activate.
registerSW({ immediate: true });

// ── Small pieces of UI ────────────────────────────────────────────────────────────────────────────────────

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(text: string, kind: 'info' | 'error' = 'info'): void {
  const node = $('#toast');
  node.textContent = text;
  node.dataset.kind = kind;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (node.hidden = true), kind === 'error' ? 9000 : 5000);
}

function showNetwork(): void {
  const pill = $('#network');
  pill.dataset.online = String(navigator.onLine);
  pill.textContent = navigator.onLine ? 'Online' : 'Offline';
}

let tasks: InboxTasks | undefined;

const actions: ReaderActions = {
  archive(message) {
    void (async () => {
      await updateMessage(message.id, { folder: 'archive' });
      location.hash = '#/inbox';
      await render();
      if (!tasks) return;
      await request(tasks.archive, { ids: [message.id] });
      toast(navigator.onLine ? 'Archived.' : 'Archived here; the server hears of it when you are back online.');
    })();
  },
  discard(draft) {
    void deleteDraft(draft.clientId).then(() => {
      location.hash = '#/outbox';
      return render();
    });
  },
  read(message) {
    void updateMessage(message.id, { read: true }).then(() => render());
  },
};

let drawing = Promise.resolve();
/** Redraws the mailbox from IndexedDB; calls are serialised so an old drawing never lands over a newer one. */
function render(): Promise<void> {
  drawing = drawing.then(() => renderMailbox(parseRoute(), actions)).catch((error) => console.error(error));
  return drawing;
}

// ── Compose: the draft is stored before anything else, so nothing typed is ever lost ───────────────────────

function wireCompose(): void {
  const dialog = $<HTMLDialogElement>('#compose');
  const form = $<HTMLFormElement>('#compose-form');
  $('#compose-open').addEventListener('click', () => dialog.showModal());
  $('#compose-cancel').addEventListener('click', () => {
    form.reset();
    dialog.close();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const draft = { clientId: crypto.randomUUID(), to: field('to'), subject: field('subject'), body: field('body'), createdAt: Date.now(), state: 'waiting' as const };
    await saveDraft(draft);
    form.reset();
    dialog.close();
    await render();
    toast(navigator.onLine ? 'Sending…' : 'Saved in the Outbox: it goes out when you are back online.');
    await sendOutbox();
  });
}

async function sendOutbox(): Promise<void> {
  if (!tasks) return; // The worker is not there yet; the draft waits, and startup sends it.
  try {
    await request(tasks.sendNow);
  } catch (error) {
    toast(`The draft is kept in the Outbox (${(error as Error).message}).`, 'error');
  }
}

/** Drafts nobody has tried to send (written while a send ran, or before the worker answered). */
async function sendLeftovers(): Promise<void> {
  const drafts = await listOutbox();
  if (navigator.onLine && drafts.some((d) => d.state === 'waiting' && !d.error)) await sendOutbox();
}

// ── Push: subscribe when allowed, and a button that has the server push new mail ────────────────────────────

function setPushState(text: string): void {
  const hint = $('#push-state');
  hint.textContent = text;
}

async function subscribe(): Promise<void> {
  try {
    const { publicKey } = await readJson<{ publicKey: string }>(await fetch('/api/push/key'));
    const subscription = await subscribeToPush(publicKey, { timeout: 10_000 });
    await readJson(await fetch('/api/push/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(subscription.toJSON()) }));
    setPushState('Push is on for this browser.');
  } catch (error) {
    const e = error as Error & { code?: string };
    setPushState(`Push is not available here (${e.code ?? e.message}); new mail comes with the periodic refresh.`);
  }
}

function wireNotifications(): void {
  const banner = $('#banner');
  const permission = typeof Notification === 'undefined' ? 'denied' : Notification.permission;
  banner.hidden = permission !== 'default';
  $('#enable-notifications').addEventListener('click', async () => {
    const status = await BackgroundExecutionManager.requestAccess();
    banner.hidden = true;
    if (status === 'deniedByUser') toast('Notifications are off: new mail shows up when you open the app.');
    else void subscribe();
  });
  if (permission === 'granted' && navigator.onLine) void subscribe();
}

async function pushMe(): Promise<void> {
  const button = $<HTMLButtonElement>('#push-me');
  button.disabled = true;
  try {
    const response = await fetch('/api/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        from: 'Margaret Hamilton <margaret@apollo.example>',
        subject: 'Priority displays',
        body: 'The alarms during the landing were the executive shedding low-priority work, as designed.\n\nMore at the review.',
      }),
    });
    const answer = (await response.json()) as { delivered?: number; error?: string; message?: string };
    if (response.ok) toast(`The server pushed new mail to ${answer.delivered} browser${answer.delivered === 1 ? '' : 's'}.`);
    else {
      toast(`The push did not go out: ${(answer.message ?? answer.error ?? '').replace(/\.$/, '')}. Fetching the new mail instead.`, 'error');
      if (tasks) await request(tasks.check, { quiet: true });
    }
  } catch {
    toast('You are offline: the server cannot be asked to push.', 'error');
  } finally {
    button.disabled = false;
  }
}

// ── Export, with live progress ─────────────────────────────────────────────────────────────────────────────

interface ExportResult {
  id: string;
  fileName: string;
  count: number;
  bytes: number;
}

let exportUrl: string | undefined;
async function showExport(result: ExportResult): Promise<void> {
  const saved = await getExport(result.id);
  const target = $('#export-result');
  if (!saved) {
    target.replaceChildren();
    return;
  }
  if (exportUrl) URL.revokeObjectURL(exportUrl);
  exportUrl = URL.createObjectURL(new Blob([saved.text], { type: 'application/mbox' }));
  const link = el('a', { href: exportUrl, download: saved.fileName }, saved.fileName);
  target.replaceChildren(link, ` · ${result.count} messages · ${(result.bytes / 1024).toFixed(1)} KB`);
}

function wireExport(all: InboxTasks, lastRuns: BackgroundTaskRun[]): void {
  const { registration } = all.export;
  const button = $<HTMLButtonElement>('#export');
  const bar = $<HTMLProgressElement>('#export-progress');
  const state = $('#export-state');
  registration.addEventListener('progress', (event) => {
    button.disabled = true;
    bar.hidden = false;
    bar.value = event.progress;
    state.textContent = `${event.progress}%`;
  });
  registration.addEventListener('completed', (event) => {
    button.disabled = false;
    bar.hidden = true;
    try {
      const result = event.checkResult() as ExportResult;
      state.textContent = 'Done';
      void showExport(result);
    } catch (error) {
      state.textContent =
        event.status === 'canceled' ? `Export interrupted (${event.run.cancelReason ?? 'canceled'}). Try again.` : `Export failed: ${(error as Error).message}`;
    }
  });
  button.addEventListener('click', async () => {
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    state.textContent = 'Starting…';
    const answer = await request(all.export, { paceMs: 120 });
    if (answer !== 'allowed') {
      state.textContent = answer === 'currentlyRunning' ? 'Already running' : `Not started (${answer})`;
      return;
    }
    const pending = await pendingTriggers();
    if (pending.some((p) => p.taskId === registration.taskId)) state.textContent = 'Waiting until background work is cheap (battery or data saving)…';
  });
  const last = lastRuns.find((r) => r.taskId === registration.taskId && r.status === 'completed');
  if (last) void showExport(last.result as ExportResult);
}

// ── Start ─────────────────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  showNetwork();
  wireCompose();
  $('#push-me').addEventListener('click', () => void pushMe());
  window.addEventListener('hashchange', () => void render());
  // The mailbox on this device is drawn first: the app works before (and without) the network.
  await render();

  tasks = await registerTasks();
  const all = tasks;
  const activity = new ActivityPanel($('#activity'), all);
  for (const task of Object.values(all)) task.registration.addEventListener('completed', () => void render());
  for (const task of [all.sendNow, all.sendOnReconnect]) task.registration.addEventListener('completed', () => void sendLeftovers());
  wireExport(all, await allRuns({ taskId: all.export.registration.taskId, limit: 5 }));
  await activity.render();
  setInterval(() => void activity.render(), 30_000);

  // "Open" on a notification, with this window already open: the worker asks to show the message.
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string; hash?: string }>) => {
    if (event.data?.type === 'open' && event.data.hash) location.hash = event.data.hash;
  });

  const check = () => request(all.check, { quiet: true }).catch((error: Error) => toast(`Could not check for mail: ${error.message}`, 'error'));
  $('#check').addEventListener('click', () => void check());
  window.addEventListener('online', () => {
    showNetwork();
    void check();
  });
  window.addEventListener('offline', showNetwork);
  wireNotifications();

  // The devtools panel, in development only: a production build carries none of it (a test checks that).
  if (import.meta.env.DEV) void import('@bgkit/devtools').then(({ mountBgkitDevtools }) => mountBgkitDevtools({ position: 'right' }));

  document.body.dataset.ready = 'true';
  if (navigator.onLine) {
    await check();
    await sendLeftovers();
  }
}

void main().catch((error: Error) => {
  toast(`The background worker is not available: ${error.message}. Mail on this device can still be read.`, 'error');
  console.error(error);
});
