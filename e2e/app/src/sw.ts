/// <reference lib="webworker" />
// The demo's service worker: every background task the page can register is defined here.
import { backgroundFetchEvent, closeTaskNotification, configure, defineTask, enableBackgroundFetch, enableDevtools, enableRequestQueue, type BackgroundFetchTriggerDetails, showTaskNotification, type ApplicationTriggerDetails, type PushTriggerDetails, type SystemTriggerDetails, type ToastTriggerDetails } from '@bgkit/sw';

declare const self: ServiceWorkerGlobalScope;

// The kit's own test app: devtools simulations are always on here (an app would enable them in development only).
configure({ timeLimit: 30_000, historyLimit: 500 });
enableDevtools();
// Sends that fail offline are kept and replayed on reconnect (tasks registered with isNetworkRequested).
enableRequestQueue();
// Tasks with a BackgroundFetchTrigger run when a Background Fetch the page started for them ends.
enableBackgroundFetch();

// What tasks do shows up in the page's activity log, in every tab.
const log = new BroadcastChannel('demo-activity');
function activity(message: string): void {
  log.postMessage({ at: Date.now(), message });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

interface ExportArgs {
  steps?: number;
  delayMs?: number;
  label?: string;
}

/** Builds a report in steps, reporting progress after each. */
defineTask<ApplicationTriggerDetails<ExportArgs>>('report.export', async (task) => {
  const { steps = 5, delayMs = 150, label = 'report' } = task.triggerDetails.arguments;
  for (let step = 1; step <= steps; step++) {
    await sleep(delayMs, task.signal);
    task.progress = (step / steps) * 100;
  }
  return { label, steps, rows: steps * 10 };
});

class UploadError extends Error {
  override name = 'UploadError';
}

/** Always fails, the way an upload to a server that answers 503 would. */
defineTask('upload.flaky', async (task) => {
  task.progress = 30;
  throw new UploadError('The server answered 503 Service Unavailable');
});

/**
 * Fails like a 503, asking to be run again (`task.retry()`), until its attempt reaches `succeedAt` (never when
 * absent); `holdMs` first keeps its first attempt running that long (so a test can kill the worker mid-run).
 */
defineTask<ApplicationTriggerDetails<{ succeedAt?: number; holdMs?: number }>>('retry.flaky', async (task) => {
  const { succeedAt = Infinity, holdMs = 0 } = task.triggerDetails.arguments;
  if (holdMs && task.attempt === 1) await new Promise((resolve) => setTimeout(resolve, holdMs));
  if (task.attempt < succeedAt) return task.retry(new UploadError(`attempt ${task.attempt}: the server answered 503`));
  return { attempt: task.attempt };
});

/** Never finishes on its own: the 1.5 s time limit cancels it with `executionTimeExceeded`. */
defineTask(
  'sync.sluggish',
  async (task) => {
    task.addEventListener('canceled', (event) => activity(`${task.task.name}: canceled (${event.reason})`));
    task.signal.addEventListener('abort', () => activity(`${task.task.name}: signal aborted`));
    await sleep(60_000, task.signal);
  },
  { timeLimit: 1500 },
);

/** A maintenance chore kept in its own task group. */
defineTask('cleanup.cache', async (task) => {
  const names = await caches.keys();
  task.progress = 100;
  return { caches: names.length };
});

/** Refreshes the inbox on a schedule (TimeTrigger); the demo's inbox arrives with its server. */
defineTask('inbox.refresh', async (task) => {
  task.progress = 100;
  activity(`${task.task.name}: refreshed`);
  return { refreshedAt: Date.now() };
});

/** Reacts to a push message (PushNotificationTrigger): the payload is in triggerDetails. */
defineTask<PushTriggerDetails>('push.received', async (task) => {
  activity(`${task.task.name}: push ${task.triggerDetails.text ?? '(no data)'}`);
  return task.triggerDetails;
});

/** Prunes old cached data on AC power (MaintenanceTrigger): slow on purpose, so unplugging can cancel it. */
defineTask('maintenance.prune', async (task) => {
  task.addEventListener('canceled', (event) => activity(`${task.task.name}: canceled (${event.reason})`));
  for (let step = 1; step <= 20; step++) {
    await sleep(150, task.signal);
    task.progress = step * 5;
  }
  return { pruned: 20 };
});

/** Tells the user, with actions, what arrived (showTaskNotification). */
defineTask<ApplicationTriggerDetails<{ count?: number }>>('notify.digest', async (task) => {
  const count = task.triggerDetails.arguments.count ?? 1;
  await showTaskNotification(task, `${count} new message${count === 1 ? '' : 's'}`, {
    body: 'From the bgkit demo',
    tag: 'digest',
    actions: [
      { action: 'archive', title: 'Archive' },
      { action: 'open', title: 'Open' },
    ],
    data: { count },
  });
  return { notified: count };
});

/** Sends a message to the server; offline, the request is queued and goes out on reconnect. */
defineTask<ApplicationTriggerDetails<{ text?: string }>>('outbox.send', async (task) => {
  const response = await task.fetchOrQueue('/api/outbox', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: task.triggerDetails.arguments.text ?? '' }),
  });
  return response ? { sent: true, status: response.status } : { sent: false, queued: true };
});

/** Acts on a notification without opening a window (ToastNotificationActionTrigger / HistoryChanged). */
defineTask<ToastTriggerDetails>('toast.react', async (task) => {
  const { action, tag } = task.triggerDetails;
  activity(`${task.task.name}: ${action || 'body'} on ${tag}`);
  return task.triggerDetails;
});

/** Reacts to a change of the system (SystemTrigger): network, presence, time zone, a new app version. */
defineTask<SystemTriggerDetails>('system.react', async (task) => {
  activity(`${task.task.name}: ${task.triggerDetails.systemType}`);
  return { systemType: task.triggerDetails.systemType, online: navigator.onLine };
});

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// An app's own listener beside bgkit's: real and simulated sync events reach it alike.
self.addEventListener('sync', (event) => {
  if (!event.tag.startsWith('lab:')) return;
  event.waitUntil(
    new Promise((resolve) => setTimeout(resolve, 50)).then(() => activity(`sync ${event.tag} lastChance=${event.lastChance} trusted=${event.isTrusted}`)),
  );
});

// Test hook (e2e/tests/calls.spec.ts): after `{ type: 'e2e:stall-next-call' }`, the next bgkit call is
// received (bgkit's own listener, added first, has acknowledged it) and then the worker's thread is held busy
// until the test kills it: a kill between a call's delivery and its reply, made deterministic.
let stallNextCall = false;
self.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'e2e:stall-next-call') {
    stallNextCall = true;
    return;
  }
  if (data?.type !== 'bgkit:call' || !stallNextCall) return;
  stallNextCall = false;
  new BroadcastChannel('e2e-stall').postMessage('stalling');
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    // Busy: no reply, no acknowledgement, until CDP stops the worker.
  }
});

// ---- Fault tests (e2e/tests/faults*.spec.ts) --------------------------------------------------------------
/**
 * Returns `bytes` random bytes: a result larger than a small storage quota can take (random, so that the
 * store cannot compress it to nothing).
 */
defineTask<ApplicationTriggerDetails<{ bytes?: number }>>('faults.big', async (task) => {
  const random = new Uint8Array(task.triggerDetails.arguments.bytes ?? 0);
  for (let i = 0; i < random.length; i += 65_536) crypto.getRandomValues(random.subarray(i, i + 65_536)); // 64 KiB a call at most
  return random;
});

/** Works for `ms` (0 by default) and returns its argument: the run that kill loops start and count. */
defineTask<ApplicationTriggerDetails<{ ms?: number; i?: number }>>('faults.work', async (task) => {
  const { ms = 0, i } = task.triggerDetails.arguments;
  if (ms) await sleep(ms, task.signal);
  return { i };
});

/** A push-triggered run for kill loops: works for `json.ms` and returns the payload. */
defineTask<PushTriggerDetails>('faults.push', async (task) => {
  const ms = (task.triggerDetails.json as { ms?: number } | undefined)?.ms ?? 0;
  if (ms) await sleep(ms, task.signal);
  return task.triggerDetails.json;
});

// After `{ type: 'e2e:stall-next-completed' }`, bgkit's next `completed` broadcast is not sent: the worker's
// thread is held busy instead, until the test kills it. The run's final state is then stored and nobody was
// told: a kill between the final write and the announcement, made deterministic.
let stallNextCompleted = false;
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'e2e:stall-next-completed') stallNextCompleted = true;
});
const postToChannel = BroadcastChannel.prototype.postMessage;
BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
  if (stallNextCompleted && this.name.startsWith('bgkit') && (message as { kind?: string } | null)?.kind === 'completed') {
    stallNextCompleted = false;
    new BroadcastChannel('e2e-stall').postMessage('stalling');
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      // Busy: the announcement never leaves, until CDP stops the worker.
    }
  }
  return postToChannel.call(this, message);
};

// Acts on a clicked notification, then closes it (browsers leave a clicked notification open):
// e2e/tests/toast-close.spec.ts.
defineTask<ToastTriggerDetails>('toast.archive-and-close', async (task) => {
  activity(`${task.task.name}: ${task.triggerDetails.action || 'body'} on ${task.triggerDetails.tag}, closing it`);
  return { closed: await closeTaskNotification(task) };
});

/**
 * Reads what a Background Fetch downloaded, while its event lasts (e2e/tests/background-fetch.spec.ts): the
 * size of each record's body, or null where there is none (aborted), beside the details the run keeps.
 */
defineTask<BackgroundFetchTriggerDetails>('fetch.collect', async (task) => {
  const event = backgroundFetchEvent(task);
  const bodies: Record<string, number | null> = {};
  for (const record of (await event?.registration.matchAll()) ?? []) {
    bodies[record.request.url] = await record.responseReady.then(async (response) => (await response.arrayBuffer()).byteLength, () => null);
  }
  return { live: !!event, canUpdateUI: !!event && 'updateUI' in event, bodies, event: task.triggerDetails.event };
});
