// SPDX-License-Identifier: MIT
// Time triggers (TimeTrigger, MaintenanceTrigger): when each is next due, and the two ways a due slot runs:
// the browser's periodicsync where granted, else catch-up at the next worker wake or page heartbeat. Both read
// the kit clock (clock.ts), so devtools can make a task due.
import type { RegistrationRecord, Schedule, TriggerSource } from '../protocol.js';
import { periodicSyncTag } from '../protocol.js';
import { clockNow, clockReady } from './clock.js';
import { afterRun, dispatch, isOneShot, mayWait, type Started } from './dispatch.js';
import { log } from './log.js';
import { periodicSync, unschedule } from './periodicSync.js';
import { RegistrationStore } from './RegistrationStore.js';
import { startRun, type StartedRun } from './runner.js';

const MINUTE = 60_000;

/**
 * Sets when a time-triggered task is next due and asks for a native periodicsync. Chromium refuses it unless
 * the app is installed and the permission granted (periodicSync.ts); then the task runs at the first worker
 * wake after it is due (e2e/tests/triggers.spec.ts, "without periodic sync, an overdue task runs when the
 * worker next wakes (catch-up)").
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
