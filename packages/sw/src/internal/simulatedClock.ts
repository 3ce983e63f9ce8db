// SPDX-License-Identifier: MIT
// The devtools side of the kit clock (clock.ts): the offset a `clock` simulation sets, kept in IndexedDB so a
// worker killed after the move (the usual way to test catch-up on wake) starts with the clock where the test
// left it. Linked in only by enableDevtools(), so production workers carry none of it.
import { BgkitError } from '../BgkitError.js';
import type { ClockState } from '../protocol.js';
import { clockNow, clockOffset, clockReady, setClockOffset } from './clock.js';
import { MetaStore } from './MetaStore.js';
import { DEV } from './log.js';
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
export async function simulateClock(offset: unknown): Promise<ClockState> {
  await clockReady();
  if (offset !== undefined) {
    if (typeof offset !== 'number' || !Number.isFinite(offset) || offset < 0) {
      throw new BgkitError('invalid-argument', DEV ? 'clock: offset must be a number of milliseconds, 0 or more.' : '', { offset });
    }
    const moved = offset - clockOffset();
    await MetaStore.put('clockOffset', offset);
    setClockOffset(offset);
    if (moved > 0) await expireTimeLimits(moved);
  }
  return { offset: clockOffset(), now: clockNow() };
}

/**
 * A move of the clock counts against the time limit of every running task (its limit is a real timer in the
 * runner, which keeps the production worker free of this): a run whose time, plus the move, reaches its
 * limit is canceled with `executionTimeExceeded`, as the limit itself would.
 */
async function expireTimeLimits(moved: number): Promise<void> {
  for (const { instanceId, taskId } of activeRuns()) {
    const run = await RunStore.get(instanceId);
    const registration = await RegistrationStore.get(taskId);
    if (run?.status !== 'running' || !run.startedAt || !registration) continue;
    const limit = definitions.get(registration.entryPoint)?.options.timeLimit ?? options.timeLimit;
    if (Date.now() - run.startedAt + moved >= limit) cancelRun(instanceId, 'executionTimeExceeded');
  }
}
