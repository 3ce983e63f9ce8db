// SPDX-License-Identifier: MIT
// How a fired trigger becomes a run: dispatch() runs the task now or keeps the trigger pending in IndexedDB
// while a condition does not hold; releasePending() runs the pending ones (and due retries) once they may;
// after a run, a one-shot task is done. Every trigger source ends here (eventSources.ts, timeTriggers.ts,
// deviceReports.ts), as devtools simulations do.
import type {} from '../types/sync.js';
import type { RegistrationRecord, TriggerSource } from '../protocol.js';
import { unmetCondition } from './conditions.js';
import { readDevice } from './device.js';
import { lowBattery } from './workCost.js';
import { latchId, PendingStore } from './PendingStore.js';
import { broadcast } from './broadcast.js';
import { clockNow, clockReady } from './clock.js';
import { log } from './log.js';
import { unschedule } from './periodicSync.js';
import { RegistrationStore } from './RegistrationStore.js';
import { activeRuns, cancelRun, hasActiveRun, startRun, type StartedRun } from './runner.js';

declare const self: ServiceWorkerGlobalScope;

/** The one Background Sync tag bgkit uses: registered when a page reports going offline, fired on reconnect. */
export const INTERNET_TAG = 'bgkit-internet';

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

export function isOneShot(registration: RegistrationRecord | undefined): boolean {
  return !!registration && 'oneShot' in registration.trigger && registration.trigger.oneShot;
}

/** A one-shot task whose run is still going: its trigger does not fire again meanwhile. */
export function oneShotRunning(registration: RegistrationRecord): boolean {
  return isOneShot(registration) && hasActiveRun(registration.taskId);
}

function carriesData(registration: RegistrationRecord): boolean {
  const { type } = registration.trigger;
  return type === 'application' || type === 'push' || type === 'toastAction' || type === 'toastHistoryChanged';
}

/** Whether a trigger may have to wait for its task's conditions (or, for maintenance, for AC power). */
export function mayWait(registration: RegistrationRecord): boolean {
  return registration.conditions.length > 0 || registration.trigger.type === 'maintenance';
}

/**
 * What a trigger event starts: resolves once its runs (or pending triggers) are stored, with `done`, the
 * end of them all, for the event's waitUntil.
 */
export interface Started {
  done: Promise<unknown>;
}

export async function startAll(dispatched: Promise<Started>[]): Promise<Started> {
  const started = await Promise.all(dispatched);
  return { done: Promise.all(started.map((s) => s.done)) };
}

/**
 * After a run: a one-shot trigger is done (Windows unregisters it). A finished run also lowers the work cost,
 * so triggers pending on it may go now, without waiting for another wake.
 */
export async function afterRun(run: StartedRun, registration: RegistrationRecord): Promise<void> {
  const final = await run.finished.catch(() => undefined);
  // A one-shot task that will be run again stays registered until its last attempt (its retry is its trigger).
  if (isOneShot(registration) && !final?.retry) await removeTasks([registration.taskId]);
  await releasePending();
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

export async function registerInternetSync(): Promise<void> {
  await self.registration?.sync?.register(INTERNET_TAG).catch((error: unknown) => log('background sync refused', error));
}
