// SPDX-License-Identifier: MIT
// The seam between registration and the opt-in Background Fetch trigger: register() asks here whether the
// worker listens for backgroundfetch* events, so a worker that never calls enableBackgroundFetch() bundles
// none of its code, and refuses its tasks (they could never run) instead of storing them.

let enabled = false;

export function setBackgroundFetchEnabled(): void {
  enabled = true;
}

export function backgroundFetchEnabled(): boolean {
  return enabled;
}
