// SPDX-License-Identifier: MIT
// The devtools side of the kit clock (clock.ts): the offset a `clock` simulation sets, kept in IndexedDB so a
// worker killed after the move (the usual way to test catch-up on wake) starts with the clock where the test
// left it. Linked in only by enableDevtools(), so production workers carry none of it.
import type { ClockState } from '../protocol.js';
import { clockNow, clockOffset, clockReady, setClockOffset } from './clock.js';
import { MetaStore } from './MetaStore.js';
import { RegistrationStore } from './RegistrationStore.js';
import { RunStore } from './RunStore.js';
import { activeRuns, cancelRun } from './runner.js';
import { definitions, options } from './runtime.js';

export async function readClockOffset(): Promise<number> {
  const stored = await MetaStore.get('clockOffset');
  return typeof stored === 'number' && Number.isFinite(stored) ? stored : 0;
}

/**
 * Reads the clock, or sets its offset first (absolute, so a retried call moves it once). Only ahead of real
 * time: a clock set back would make every schedule wait longer than it says.
 */
export async function simulateClock(offset: number | undefined): Promise<ClockState> {
  await clockReady();
  // The offset was checked by validateSimulation() (0 to MAX_CLOCK_OFFSET_MS), simulate()'s first step.
  if (offset !== undefined) {
    const before = clockOffset();
    await MetaStore.put('clockOffset', offset);
    setClockOffset(offset);
    await expireTimeLimits(before);
  }
  return { offset: clockOffset(), now: clockNow() };
}

/**
 * Where each running run started on the kit clock, by instance id: taken at the first move the run sees, as
 * its real start plus the offset the clock had until that move (no move came between: it would have taken it).
 * A run started before this lifetime had read its offset back from IndexedDB so starts where the clock was.
 */
const startedOnClock = new Map<string, number>();

/**
 * The time limit of a running task follows the kit clock: at every move, a run whose time on the kit clock
 * (now, less where it started) reaches its limit is canceled with `executionTimeExceeded`, as the limit
 * itself would. Moves add up: two of 20 s pass a 30 s limit. (The limit is also a real timer in the runner,
 * for the real passage of time; that keeps the production worker free of this.)
 */
async function expireTimeLimits(offsetBefore: number): Promise<void> {
  const active = activeRuns();
  for (const id of startedOnClock.keys()) if (!active.some((run) => run.instanceId === id)) startedOnClock.delete(id);
  for (const { instanceId, taskId } of active) {
    const run = await RunStore.get(instanceId);
    const registration = await RegistrationStore.get(taskId);
    if (run?.status !== 'running' || !run.startedAt || !registration) continue;
    if (!startedOnClock.has(instanceId)) startedOnClock.set(instanceId, run.startedAt + offsetBefore);
    const limit = definitions.get(registration.entryPoint)?.options.timeLimit ?? options.timeLimit;
    if (clockNow() - startedOnClock.get(instanceId)! >= limit) cancelRun(instanceId, 'executionTimeExceeded');
  }
}
