// SPDX-License-Identifier: MIT
import type {} from '../types/sync.js';
import { isCallMessage } from '../protocol.js';
import { answerCall, boot, bootWork } from './api.js';
import { getDb } from './db.js';
import { Lifetime } from './Lifetime.js';
import { log } from './log.js';
import { isSimulated } from './devtoolsHook.js';
import { onInternetSync } from './deviceReports.js';
import { INTERNET_TAG, type Started } from './dispatch.js';
import { fireSystem, onPush, onToast, pushDetails, subscriptionChange, toastDetails } from './eventSources.js';
import { taskIdOf } from './periodicSync.js';
import { onPeriodicSync } from './timeTriggers.js';

declare const self: ServiceWorkerGlobalScope;

let installed = false;

/** How long a trigger event's housekeeping waits at most for the runs the event started. */
export const HOUSEKEEPING_YIELD_MS = 1000;

/**
 * A trigger event's work: its own runs first, then the lifetime's housekeeping (boot: settle the runs of
 * earlier lifetimes, catch up overdue slots), which waits until those runs settle, or HOUSEKEEPING_YIELD_MS.
 * Started alongside, its transactions slowed a cold start's run and its messages to pages; the runs the
 * browser woke the worker for come first. (A page call boots at once: boot() is shared.)
 */
export function runThenHousekeep(
  start: () => Promise<Started>,
  housekeeping: () => Promise<unknown>,
  yieldMs = HOUSEKEEPING_YIELD_MS,
): Promise<unknown> {
  // A start() that throws at once is a failed start like any other: housekeeping still follows.
  const done = new Promise<Started>((resolve) => resolve(start())).then((s) => s.done);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const yielded = Promise.race([done.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, yieldMs)))]);
  const housekept = yielded.then(() => {
    clearTimeout(timer);
    return housekeeping();
  });
  // The event's promise covers both, even when one fails: the worker must stay up for the other.
  return Promise.allSettled([done, housekept]).then((results) => {
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  });
}

/** A trigger event's work, then the lifetime's boot (housekeeping): for every event that starts runs. */
export const startThenBoot = (start: () => Promise<Started>) => runThenHousekeep(start, () => boot().then(bootWork));

/**
 * Adds the worker's listeners. Browsers only deliver events to listeners added while the script is first
 * evaluated, which is why defineTask() (always called at top level) is what calls this.
 */
export function install(): void {
  if (installed || typeof self === 'undefined' || typeof self.addEventListener !== 'function') return;
  installed = true;

  // Every wake-up boots (reconcile, catch-up) and keeps the worker alive for what that started.
  const afterBoot = (work: () => Promise<unknown>, checkNetwork?: boolean) =>
    boot(checkNetwork).then(() => Promise.all([bootWork(), work()]));

  // A worker that activates over existing registrations is a new version of the app: servicingComplete.
  self.addEventListener('activate', (event) =>
    event.waitUntil(startThenBoot(() => fireSystem(['servicingComplete'], 'worker'))),
  );

  self.addEventListener('sync', (event) => {
    if (event.tag === INTERNET_TAG) event.waitUntil(afterBoot(() => onInternetSync(isSimulated(event) ? 'simulated' : 'sync'), false));
  });

  self.addEventListener('periodicsync', (event) => {
    const taskId = taskIdOf(event.tag);
    if (taskId) event.waitUntil(startThenBoot(() => onPeriodicSync(taskId, isSimulated(event) ? 'simulated' : 'periodicsync')));
  });

  // Details are read at once: the notification object is only guaranteed during the event.
  self.addEventListener('notificationclick', (event) => {
    const details = toastDetails(event);
    event.waitUntil(startThenBoot(() => onToast('toastAction', details, isSimulated(event) ? 'simulated' : 'notificationclick')));
  });
  self.addEventListener('notificationclose', (event) => {
    const details = toastDetails(event);
    event.waitUntil(startThenBoot(() => onToast('toastHistoryChanged', details, isSimulated(event) ? 'simulated' : 'notificationclose')));
  });

  self.addEventListener('push', (event) => {
    // Read the payload now: the event's data is not guaranteed once the handler has returned.
    const details = pushDetails(event.data);
    event.waitUntil(startThenBoot(() => onPush(details, isSimulated(event) ? 'simulated' : 'push')));
  });

  // The push channel was reset (refreshed, revoked or lost): SystemTrigger `controlChannelReset`. As for push,
  // the run is stored before waitUntil's promise can settle, and that promise holds the worker for the run.
  self.addEventListener('pushsubscriptionchange', (event) => {
    const details = subscriptionChange(event);
    event.waitUntil(startThenBoot(() => fireSystem(['controlChannelReset'], isSimulated(event) ? 'simulated' : 'pushsubscriptionchange', details)));
  });

  self.addEventListener('message', (event) => {
    if (!isCallMessage(event.data)) return;
    const port = event.ports[0];
    if (!port) return;
    const lifetime = new Lifetime();
    const caller = event.source && 'id' in event.source ? event.source.id : undefined;
    lifetime.keepAlive(answerCall(event.data, port, lifetime, caller));
    event.waitUntil(lifetime.done);
  });
  // Each of the events above needs the database, and opening it takes most of a millisecond, which the
  // browser spends anyway between this script's end and the event it woke the worker for: start it now.
  // (A worker woken only for the app's own fetch opens it for nothing; the open is asynchronous.) Only in
  // the active version: a new version evaluated for its install would run its migrations under the
  // version still in charge, which could then no longer open the database.
  if ((self as { serviceWorker?: ServiceWorker }).serviceWorker?.state === 'activated') void getDb().catch(() => undefined);
  log('runtime installed');
}
