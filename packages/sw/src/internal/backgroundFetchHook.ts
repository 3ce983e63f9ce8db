// SPDX-License-Identifier: MIT
// The seam between registration and the opt-in Background Fetch trigger: register() asks here whether the
// worker listens for backgroundfetch* events, so a worker that never calls enableBackgroundFetch() bundles
// none of its code, and refuses its tasks (they could never run) instead of storing them.

import { BgkitError } from '../BgkitError.js';
import { DEV } from './log.js';

let enabled = false;

/** Marks the opt-in; true the first time only (enableBackgroundFetch() adds its listeners once). */
export function setBackgroundFetchEnabled(): boolean {
  return !enabled && (enabled = true);
}

/** Refuses what needs the backgroundfetch* listeners (a registration, a simulation) in a worker without them. */
export function assertBackgroundFetchEnabled(): void {
  if (!enabled) {
    throw new BgkitError('trigger-not-enabled', DEV ? 'Call enableBackgroundFetch() from @bgkit/sw at the top level of the worker: without it no listener runs BackgroundFetchTrigger tasks.' : '', { enable: 'enableBackgroundFetch' });
  }
}
