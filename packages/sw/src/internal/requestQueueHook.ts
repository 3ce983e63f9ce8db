// SPDX-License-Identifier: MIT
// The seam between tasks and the optional request queue: tasks reach the queue through here, so a worker
// that never calls enableRequestQueue() bundles none of workbox-background-sync.

export interface RequestQueue {
  pushRequest(entry: { request: Request }): Promise<void>;
  /** Replays queued requests where the browser has no Background Sync to do it on reconnect. */
  replayWithoutSync(): Promise<void>;
}

let queue: RequestQueue | undefined;

export function setRequestQueue(q: RequestQueue): void {
  queue = q;
}

export function requestQueue(): RequestQueue | undefined {
  return queue;
}
