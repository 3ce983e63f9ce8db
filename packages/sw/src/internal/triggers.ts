// SPDX-License-Identifier: MIT
// Trigger sources: how the web's own events (periodicsync, push) and the worker's wake-ups become runs.
// Every source ends in fire(), the same path a devtools simulation will take.
import type {} from '../types/sync.js';
import type { PushTriggerDetails, RegistrationRecord, Schedule, TriggerSource } from '../protocol.js';
import { broadcast } from './broadcast.js';
import { log } from './log.js';
import { RegistrationStore } from './RegistrationStore.js';
import { startRun, type StartedRun } from './runner.js';

declare const self: ServiceWorkerGlobalScope;

const TAG_PREFIX = 'bgkit:';
const MINUTE = 60_000;

export const tagFor = (taskId: string): string => `${TAG_PREFIX}${taskId}`;

export function taskIdOf(tag: string): string | undefined {
  return tag.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : undefined;
}

function periodicSync(): PeriodicSyncManager | undefined {
  return typeof self !== 'undefined' ? self.registration?.periodicSync : undefined;
}

/** Starts a run of a registered task from any trigger source. */
export function fire(registration: RegistrationRecord, source: TriggerSource, triggerDetails: unknown = null): StartedRun {
  return startRun({ registration, source, triggerDetails });
}

/**
 * Sets when a time-triggered task is next due and asks for a native periodicsync. Chromium refuses it unless
 * the app is installed and the permission granted; then the task runs at the first worker wake after it is due.
 */
export async function schedule(registration: RegistrationRecord, from = Date.now()): Promise<RegistrationRecord> {
  if (registration.trigger.type !== 'time') return registration;
  const interval = registration.trigger.freshnessTime * MINUTE;
  let via: Schedule['via'] = 'catch-up';
  try {
    const manager = periodicSync();
    if (manager) {
      await manager.register(tagFor(registration.taskId), { minInterval: interval });
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
  await Promise.all([...taskIds].map((id) => manager.unregister(tagFor(id)).catch(() => undefined)));
}

/** After a time-triggered run: a one-shot trigger is done (Windows unregisters it), a repeating one is due again. */
async function afterTimeRun(run: StartedRun, registration: RegistrationRecord): Promise<void> {
  await run.finished.catch(() => undefined);
  if (registration.trigger.type !== 'time') return;
  if (registration.trigger.oneShot) {
    await RegistrationStore.delete([registration.taskId]);
    await unschedule([registration.taskId]);
    broadcast({ kind: 'registrations' });
  } else {
    const current = await RegistrationStore.get(registration.taskId);
    if (current) await schedule(current);
  }
}

function runTimeTask(registration: RegistrationRecord, source: TriggerSource): Promise<void> {
  const run = fire(registration, source);
  return afterTimeRun(run, registration);
}

export async function onPeriodicSync(tag: string): Promise<void> {
  const taskId = taskIdOf(tag);
  const registration = taskId ? await RegistrationStore.get(taskId) : undefined;
  if (!registration) {
    // A tag of a task unregistered while the browser still held it: drop it so it stops waking us.
    if (taskId) await unschedule([taskId]);
    return;
  }
  await runTimeTask(registration, 'periodicsync');
}

/** Runs every time-triggered task that is overdue. Called once per worker wake. */
export async function catchUp(now = Date.now()): Promise<Promise<void>[]> {
  const due = [...(await RegistrationStore.all()).values()].filter(
    (r) => r.trigger.type === 'time' && r.schedule && r.schedule.nextRunTime <= now,
  );
  const runs: Promise<void>[] = [];
  for (const registration of due) {
    // Claim the slot before running, so a second wake during the run does not start it again.
    const claimed = await schedule(registration, now);
    runs.push(runTimeTask(claimed, 'catch-up'));
  }
  return runs;
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

export async function onPush(details: PushTriggerDetails): Promise<unknown> {
  const targets = [...(await RegistrationStore.all()).values()].filter((r) => r.trigger.type === 'push');
  return Promise.all(targets.map((r) => fire(r, 'push', details).finished));
}
