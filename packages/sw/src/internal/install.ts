// SPDX-License-Identifier: MIT
import type {} from '../types/sync.js';
import { isCallMessage } from '../protocol.js';
import { answerCall, boot, bootWork } from './api.js';
import { getDb } from './db.js';
import { Lifetime } from './Lifetime.js';
import { log } from './log.js';
import { isSimulated } from './devtoolsHook.js';
import { fireSystem, INTERNET_TAG, type Started, onInternetSync, onPeriodicSync, onPush, onToast, pushDetails, taskIdOf, toastDetails } from './triggers.js';

declare const self: ServiceWorkerGlobalScope;

let installed = false;

/**
 * Adds the worker's listeners. Browsers only deliver events to listeners added while the script is first
 * evaluated, which is why defineTask() (always called at top level) is what calls this.
 */
export function install(): void {
  if (installed || typeof self === 'undefined' || typeof self.addEventListener !== 'function') return;
  installed = true;

  // Every wake-up boots (reconcile, catch-up) and keeps the worker alive for what that started. A trigger
  // event's own runs are recorded first: boot only settles runs of earlier lifetimes and claims overdue
  // slots, in transactions of their own, and going first would make a cold start's run wait for them.
  const afterBoot = (work: () => Promise<unknown>, checkNetwork?: boolean) =>
    boot(checkNetwork).then(() => Promise.all([bootWork(), work()]));
  const startThenBoot = (start: () => Promise<Started>) => {
    const started = start();
    const booted = started.catch(() => undefined).then(() => boot()).then(bootWork);
    return Promise.all([booted, started.then((s) => s.done)]);
  };

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
  // (A worker woken only for the app's own fetch opens it for nothing; the open is asynchronous.)
  void getDb().catch(() => undefined);
  log('runtime installed');
}
