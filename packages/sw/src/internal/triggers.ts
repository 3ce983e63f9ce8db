// SPDX-License-Identifier: MIT
// Trigger sources: how the web's own events (periodicsync, sync, push, notifications), page reports and the
// worker's wake-ups become runs. Every source ends in dispatch() or a stored pending trigger, the same paths
// devtools simulations take.
import type {} from '../types/sync.js';
import { PERIODIC_TAG_PREFIX, periodicSyncTag } from '../protocol.js';
import type {
  DeviceSignals,
  PushTriggerDetails,
  RegistrationRecord,
  Schedule,
  SystemTriggerType,
  ToastTriggerDetails,
  TriggerSource,
} from '../protocol.js';
import { markLeaving, unmetCondition, windowClients } from './conditions.js';
import { applySignals, readDevice, systemTargets } from './device.js';
import { lowBattery } from './workCost.js';
import { latchId, PendingStore } from './pending.js';
import { requestQueue } from './requestQueueHook.js';
import { broadcast } from './broadcast.js';
import { clockNow, clockReady } from './clock.js';
import { log } from './log.js';
import { RegistrationStore } from './RegistrationStore.js';
import { activeRuns, cancelRun, hasActiveRun, startRun, type StartedRun } from './runner.js';

declare const self: ServiceWorkerGlobalScope;

/** The one Background Sync tag bgkit uses: registered when a page reports going offline, fired on reconnect. */
export const INTERNET_TAG = 'bgkit-internet';
const MINUTE = 60_000;


export function taskIdOf(tag: string): string | undefined {
  return tag.startsWith(PERIODIC_TAG_PREFIX) ? tag.slice(PERIODIC_TAG_PREFIX.length) : undefined;
}

function periodicSync(): PeriodicSyncManager | undefined {
  return typeof self !== 'undefined' ? self.registration?.periodicSync : undefined;
}


/**
 * What every trigger source calls: runs the task now, or, while one of its conditions does not hold, keeps
 * the trigger pending in IndexedDB. Resolves once the run (or the pending trigger) is stored, with `done`:
 * the end of the run and its aftermath, for the event's waitUntil.
 */
export async function dispatch(
  registration: RegistrationRecord,
  source: TriggerSource,
  triggerDetails: unknown = null,
  id?: string,
): Promise<Started> {
  // A one-shot trigger fires once: not again while its run (or its pending trigger) is still around.
  if (isOneShot(registration) && (hasActiveRun(registration.taskId) || (await PendingStore.forTask(registration.taskId)).length)) {
    return { done: Promise.resolve() };
  }
  // Only tasks that can wait take the (async) look at the device; the others start without an await.
  const unmet = mayWait(registration) ? await unmetCondition(registration) : null;
  if (unmet) {
    await PendingStore.add({
      // Triggers that carry data (push, notifications, requests) are kept one by one; the others are a
      // state ("the time came", "the network changed") and are latched: one pending trigger per task.
      id: id ?? (carriesData(registration) ? crypto.randomUUID() : latchId(registration.taskId)),
      taskId: registration.taskId,
      name: registration.name,
      source,
      triggerDetails,
      createdAt: Date.now(),
    });
    log(`trigger of ${registration.name} pending until ${unmet}`);
    // A worker asleep when the network returns must still be woken to run it.
    if (unmet === 'internetAvailable') await registerInternetSync();
    return { done: Promise.resolve() };
  }
  const run = startRun({ registration, source, triggerDetails, ...(id ? { instanceId: id } : {}) });
  await run.recorded;
  return { done: afterRun(run, registration) };
}

/**
 * Unregisters tasks: their records, their browser periodic syncs and their pending triggers; pages hear of
 * it. Returns how many were registered.
 */
export async function removeTasks(taskIds: string[]): Promise<number> {
  const removed = await RegistrationStore.delete(taskIds);
  await unschedule(taskIds);
  await PendingStore.dropTasks(taskIds);
  if (removed) broadcast({ kind: 'registrations' });
  return removed;
}

function isOneShot(registration: RegistrationRecord | undefined): boolean {
  return !!registration && 'oneShot' in registration.trigger && registration.trigger.oneShot;
}

/** A one-shot task whose run is still going: its trigger does not fire again meanwhile. */
function oneShotRunning(registration: RegistrationRecord): boolean {
  return isOneShot(registration) && hasActiveRun(registration.taskId);
}

function carriesData(registration: RegistrationRecord): boolean {
  const { type } = registration.trigger;
  return type === 'application' || type === 'push' || type === 'toastAction' || type === 'toastHistoryChanged';
}

/**
 * What a trigger event starts: resolves once its runs (or pending triggers) are stored, with `done`, the
 * end of them all, for the event's waitUntil.
 */
export interface Started {
  done: Promise<unknown>;
}

async function startAll(dispatched: Promise<Started>[]): Promise<Started> {
  const started = await Promise.all(dispatched);
  return { done: Promise.all(started.map((s) => s.done)) };
}

/**
 * Runs the pending triggers whose conditions now hold, and retries that are due (retry.ts) by the kit clock.
 * Each is taken out of the store before it runs.
 */
export async function releasePending(): Promise<unknown> {
  if (PendingStore.isKnownEmpty()) return [];
  const runs: Promise<void>[] = [];
  const all = await PendingStore.all();
  if (all.some((p) => p.dueAt !== undefined)) await clockReady();
  for (const pending of all) {
    if (pending.dueAt !== undefined && pending.dueAt > clockNow()) continue;
    const registration = await RegistrationStore.get(pending.taskId);
    if (!registration) {
      await PendingStore.take(pending.id);
      continue;
    }
    if ((await unmetCondition(registration)) || !(await PendingStore.take(pending.id))) continue;
    // A latched trigger's id names the latch, not a run: each run it releases gets an id of its own. Other
    // pending triggers keep theirs (a request's id is the page's, so a retried request finds its run).
    const instanceId = pending.id === latchId(pending.taskId) ? crypto.randomUUID() : pending.id;
    const run = startRun({ registration, source: pending.source, triggerDetails: pending.triggerDetails, instanceId, attempt: pending.attempt });
    runs.push(afterRun(run, registration));
  }
  return Promise.all(runs);
}

/**
 * A running maintenance task is canceled with `abort` when power goes to battery (Windows' rule); with
 * cancelOnConditionLoss, a running task whose conditions stopped holding is canceled with `conditionLoss`,
 * or with `energySaver` when the lost one is backgroundWorkCostNotHigh and a battery running low is why
 * (Windows' reason when its battery saver stops background work).
 */
export async function cancelOnConditionLoss(): Promise<void> {
  for (const { instanceId, taskId } of activeRuns()) {
    const registration = await RegistrationStore.get(taskId);
    if (!registration) continue;
    const unmet = await unmetCondition(registration);
    if (unmet === 'onAC') cancelRun(instanceId, 'abort');
    else if (unmet && registration.cancelOnConditionLoss) cancelRun(instanceId, unmet === 'backgroundWorkCostNotHigh' && lowBattery(await readDevice()) ? 'energySaver' : 'conditionLoss');
  }
}

async function registerInternetSync(): Promise<void> {
  await self.registration?.sync?.register(INTERNET_TAG).catch((error: unknown) => log('background sync refused', error));
}

/**
 * Sets when a time-triggered task is next due and asks for a native periodicsync. Chromium refuses it unless
 * the app is installed and the permission granted; then the task runs at the first worker wake after it is due.
 */
// `from`: the kit clock (clock.ts), whose offset every caller has read by now (each call boots first).
export async function schedule(registration: RegistrationRecord, from = clockNow()): Promise<RegistrationRecord> {
  if (registration.trigger.type !== 'time' && registration.trigger.type !== 'maintenance') return registration;
  const interval = registration.trigger.freshnessTime * MINUTE;
  let via: Schedule['via'] = 'catch-up';
  try {
    const manager = periodicSync();
    if (manager) {
      await manager.register(periodicSyncTag(registration.taskId), { minInterval: interval });
      via = 'periodicsync';
    }
  } catch (error) {
    log('periodic sync refused; falling back to catch-up on wake', error);
  }
  const scheduled = { ...registration, schedule: { nextRunTime: from + interval, via } };
  await RegistrationStore.update(scheduled);
  return scheduled;
}

export async function unschedule(taskIds: Iterable<string>): Promise<void> {
  const manager = periodicSync();
  if (!manager) return;
  await Promise.all([...taskIds].map((id) => manager.unregister(periodicSyncTag(id)).catch(() => undefined)));
}

/**
 * After a run: a one-shot trigger is done (Windows unregisters it). A finished run also lowers the work cost,
 * so triggers pending on it may go now, without waiting for another wake.
 */
async function afterRun(run: StartedRun, registration: RegistrationRecord): Promise<void> {
  const final = await run.finished.catch(() => undefined);
  // A one-shot task that will be run again stays registered until its last attempt (its retry is its trigger).
  if (isOneShot(registration) && !final?.retry) await removeTasks([registration.taskId]);
  await releasePending();
}

/** Whether a trigger may have to wait for its task's conditions (or, for maintenance, for AC power). */
function mayWait(registration: RegistrationRecord): boolean {
  return registration.conditions.length > 0 || registration.trigger.type === 'maintenance';
}

/**
 * Runs a time-triggered task's slot if the claim holds; resolves once the claim (and its run or pending
 * trigger) is stored, like dispatch(). A task that starts at once (no condition to look at, not one-shot)
 * has its run recorded in the claim's own transaction: one commit before the handler, as a hand-written
 * periodicsync listener that logs its run would make, and no read of the registrations before it (on a
 * cold start that read would stand between the event and the run). Null: no such task.
 */
async function runTimeSlot(taskId: string, mode: 'due' | 'periodic', now: number, source: TriggerSource): Promise<Started | null> {
  let run: StartedRun | undefined;
  const claimed = await RegistrationStore.claimSlot(taskId, now, mode, (registration, record) => {
    if (mayWait(registration) || isOneShot(registration)) return;
    run = startRun({ registration, source, triggerDetails: null, record });
  });
  if (claimed === undefined) return null;
  if (!claimed) return { done: Promise.resolve() };
  if (!run) return dispatch(claimed, source);
  const started = run;
  await started.recorded;
  return { done: afterRun(started, claimed) };
}

export async function onPeriodicSync(taskId: string, source: TriggerSource = 'periodicsync'): Promise<Started> {
  await clockReady();
  const slot = await runTimeSlot(taskId, 'periodic', clockNow(), source);
  // A tag of a task unregistered while the browser still held it: drop it so it stops waking us.
  if (!slot) await unschedule([taskId]);
  return slot ?? { done: Promise.resolve() };
}

/**
 * Runs every time-triggered task that is overdue. Called once per worker wake; resolves once every slot is
 * claimed (so a second wake does not start them again), with the runs.
 */
export async function catchUp(at?: number): Promise<Promise<unknown>[]> {
  // The kit clock, which a devtools simulation may have moved (clock.ts): read once per lifetime first.
  await clockReady();
  const now = at ?? clockNow();
  const due = [...(await RegistrationStore.all()).values()].filter(
    (r) => (r.trigger.type === 'time' || r.trigger.type === 'maintenance') && r.schedule && r.schedule.nextRunTime <= now,
  );
  const slots = await Promise.all(due.map((registration) => runTimeSlot(registration.taskId, 'due', now, 'catch-up')));
  return slots.map((slot) => slot?.done ?? Promise.resolve());
}

export function pushDetails(data: { text(): string } | null): PushTriggerDetails {
  if (!data) return { text: null };
  const text = data.text();
  try {
    return { text, json: JSON.parse(text) as unknown };
  } catch {
    return { text };
  }
}

export function toastDetails(event: Pick<NotificationEvent, 'action' | 'notification'>): ToastTriggerDetails {
  const { notification } = event;
  return { action: event.action ?? '', tag: notification.tag, data: notification.data ?? null, title: notification.title };
}

/** A notification was clicked (`toastAction`) or closed (`toastHistoryChanged`): run the tasks listening. */
export async function onToast(
  type: 'toastAction' | 'toastHistoryChanged',
  details: ToastTriggerDetails,
  source: TriggerSource = type === 'toastAction' ? 'notificationclick' : 'notificationclose',
): Promise<Started> {
  const targets = [...(await RegistrationStore.all()).values()].filter((r) => r.trigger.type === type);
  return startAll(targets.map((r) => dispatch(r, source, details)));
}

export async function onPush(details: PushTriggerDetails, source: TriggerSource = 'push'): Promise<Started> {
  const targets = [...(await RegistrationStore.all()).values()].filter((r) => r.trigger.type === 'push');
  return startAll(targets.map((r) => dispatch(r, source, details)));
}

/** Runs every task registered for one of these system triggers; `extra` joins each run's details. */
export async function fireSystem(types: readonly SystemTriggerType[], source: TriggerSource, extra?: object): Promise<Started> {
  const targets = systemTargets((await RegistrationStore.all()).values(), types);
  return startAll(targets.map(({ registration, details }) => dispatch(registration, source, { ...details, ...extra })));
}

/**
 * What `pushsubscriptionchange` tells a `controlChannelReset` run, read during the event: each subscription as
 * JSON (storable, unlike the object), null where the browser gives none, and the old one's options, copied
 * (a PushSubscriptionOptions cannot be stored; its key, an ArrayBuffer, can).
 */
export function subscriptionChange(event: { oldSubscription?: PushSubscription | null; newSubscription?: PushSubscription | null }) {
  const { oldSubscription: old, newSubscription } = event;
  const options = old?.options;
  return {
    oldSubscription: old?.toJSON() ?? null,
    newSubscription: newSubscription?.toJSON() ?? null,
    options: options ? { userVisibleOnly: options.userVisibleOnly, applicationServerKey: options.applicationServerKey } : null,
  };
}

let applying: Promise<unknown> = Promise.resolve();

/**
 * A page's report (or the worker's own look at navigator.onLine, or a devtools override): store it, fire
 * what changed. Whether a session is connected is the worker's own count of open windows, without those
 * that said they are leaving. `callerId` is the reporting window's id.
 */
export async function onSignals(
  reported: DeviceSignals,
  source: TriggerSource,
  mode: 'reported' | 'simulated' | 'reset' = 'reported',
  callerId?: string,
): Promise<unknown> {
  // Reports are applied one at a time, in the order they came: a tab hidden and shown again sends two, and
  // the first (which looks at the other windows) must not land after the second.
  const applied = applying.then(() => applyReport(reported, source, mode, callerId));
  applying = applied.catch(() => undefined);
  const { signals, fired } = await applied;
  // So the browser wakes the worker on reconnect even if no page is open by then. (A simulated offline has
  // no reconnect to wait for.)
  if (mode === 'reported' && signals.online === false) await registerInternetSync();
  await cancelOnConditionLoss();
  // Not only on the transition: a reconnect quicker than the worker's look at the network leaves the state
  // online throughout, and a request queued meanwhile would wait for the next worker start.
  const replay = signals.online === true || fired.includes('internetAvailable') ? requestQueue()?.replayWithoutSync() : undefined;
  return Promise.all([releasePending(), replay]);
}

async function applyReport(
  reported: DeviceSignals,
  source: TriggerSource,
  mode: 'reported' | 'simulated' | 'reset',
  callerId: string | undefined,
): Promise<{ signals: DeviceSignals; fired: SystemTriggerType[] }> {
  let signals = reported;
  if (mode === 'reported') {
    if (callerId) markLeaving(callerId, reported.leaving === true);
    const windows = await windowClients();
    // Without the caller's id, a leaving window is still listed: take it off by hand.
    const open = windows.length - (reported.leaving && !callerId ? 1 : 0);
    // A report whose page has closed since it was sent is stale (seen in Chromium: a message to a stopped
    // worker is delivered once something starts it again, say the reconnect, after the page has gone): of
    // it, only the session count still holds. Else it could turn a reconnect into a page's, or undo it.
    const gone = callerId !== undefined && !windows.some((w) => w.id === callerId);
    signals = reported.leaving || gone
      ? { sessionConnected: open > 0 }
      : source === 'page'
        ? { ...reported, sessionConnected: true }
        : { ...reported, sessionConnected: open > 0 };
    // A hidden tab speaks only for itself: the user is still present while another window of the app is
    // visible (else two tabs would flip presence back and forth, firing userAway and userPresent each time).
    if (source === 'page' && signals.userPresent === false && windows.some((w) => w.id !== callerId && w.visibilityState === 'visible')) {
      signals.userPresent = true;
    }
    // A page's view of the network can be wrong or stale. Seen in Chromium: a page loaded from the worker's
    // cache while offline reports navigator.onLine true at first, and no event follows when it corrects; and
    // a report sent as a page closed, offline, reached a worker started after the network came back, turning
    // the reconnect into two. The worker's own navigator.onLine is the browser's: give it a moment to agree,
    // else ignore the claim. A claim confirmed only later stands only while its page is still open: a closed
    // page's claim is stale, and the network change is the worker's own (or the reconnect sync's) to report.
    // Going online (what fires internetAvailable) must also last, the worker's own look too: ONLINE_HOLD_MS.
    if ((source === 'page' || source === 'worker') && typeof signals.online === 'boolean') {
      const rising = signals.online && (await readDevice()).online === false;
      if (rising || !workerSees(signals.online)) {
        const agreed = await workerSeesWithin(signals.online, 1000, rising ? ONLINE_HOLD_MS : 0);
        if (!agreed || (callerId !== undefined && !(await windowClients()).some((w) => w.id === callerId))) {
          const { online: _ignored, ...rest } = signals;
          signals = rest;
        }
      }
    }
  }
  return { signals, fired: await applySignals(signals, { mode, source, skip: oneShotRunning }) };
}

let spuriousSyncs = 0;

/** Whether the worker's navigator.onLine says `online` (true where the worker cannot tell). */
function workerSees(online: boolean): boolean {
  return typeof navigator === 'undefined' || typeof navigator.onLine !== 'boolean' || navigator.onLine === online;
}

/**
 * How long the worker's navigator.onLine must keep saying online before a page's report, the worker's own
 * look or the reconnect sync counts as a reconnect. Under Chromium's offline emulation (Playwright's
 * setOffline, PLATFORM.md section 7) navigator.onLine reads true for a few ms in a page being reloaded (which
 * also gets an `online` event) and in the worker at once, and in a worker just started: each fired
 * internetAvailable while still offline, and the real reconnect then ran the task a second time (about 1 run
 * in 40 of e2e/demo/offline.spec.ts; pinned by src/__tests__/reports.test.ts).
 */
export const ONLINE_HOLD_MS = 500;

/** Whether the worker's navigator.onLine comes to say `online` within `ms`, then keeps saying it for `hold` ms. */
async function workerSeesWithin(online: boolean, ms: number, hold = 0): Promise<boolean> {
  const end = Date.now() + ms;
  while (!workerSees(online) && Date.now() < end) await pause();
  const held = Date.now() + hold;
  while (workerSees(online) && Date.now() < held) await pause();
  return workerSees(online);
}

function pause(): Promise<unknown> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * The `sync` for INTERNET_TAG. The browser's idea of "online" and the worker's navigator.onLine do not
 * always flip at the same instant (seen both ways in Chromium when connectivity changes quickly), so give
 * the worker a moment to agree, and the agreement ONLINE_HOLD_MS to last. A sync while the worker still
 * reads offline is no reconnect: ask again, a few times at most, so a confused browser cannot spin the worker.
 */
export async function onInternetSync(source: TriggerSource = 'sync'): Promise<unknown> {
  if (!(await workerSeesWithin(true, 1000, ONLINE_HOLD_MS))) {
    // Ask again only while the stored state says offline: that is the reconnect still to come.
    if (spuriousSyncs++ < 5 && (await readDevice()).online === false) await registerInternetSync();
    return;
  }
  spuriousSyncs = 0;
  return onSignals({ online: true }, source);
}
