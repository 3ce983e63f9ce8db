// SPDX-License-Identifier: MIT
import { setClockSource } from './internal/clock.js';
import { setSimulator } from './internal/devtoolsHook.js';
import { simulate } from './internal/simulate.js';
import { readClockOffset } from './internal/simulatedClock.js';

/**
 * Lets the devtools panel and test drivers simulate events in this worker (fire a trigger, fake a push, a
 * notification click, a device change). Call it at the top level, in development or test builds only:
 * any page of the origin could otherwise fake events, and production bundles then carry none of this code.
 *
 * @example
 * if (import.meta.env.DEV) enableDevtools();
 */
export function enableDevtools(): void {
  setSimulator(simulate);
  setClockSource(readClockOffset);
}
