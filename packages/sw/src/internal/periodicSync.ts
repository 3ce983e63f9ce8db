// SPDX-License-Identifier: MIT
// The browser's Periodic Background Sync, where it has one: a tag per time-triggered task (bgkit:<taskId>),
// registered when the task is scheduled and dropped when it is unregistered. Chromium only, and only for an
// installed app with the permission
// (https://source.chromium.org/chromium/chromium/src/+/main:chrome/browser/background_sync/periodic_background_sync_permission_context.h;
// a page is refused: e2e/tests/triggers.spec.ts, "without periodic sync, an overdue task runs when the worker
// next wakes (catch-up)"); elsewhere time triggers run by catch-up (timeTriggers.ts).
import type {} from '../types/sync.js';
import { PERIODIC_TAG_PREFIX, periodicSyncTag } from '../protocol.js';

declare const self: ServiceWorkerGlobalScope;

/** The worker's PeriodicSyncManager, where the browser has one. */
export function periodicSync(): PeriodicSyncManager | undefined {
  return typeof self !== 'undefined' ? self.registration?.periodicSync : undefined;
}

export function taskIdOf(tag: string): string | undefined {
  return tag.startsWith(PERIODIC_TAG_PREFIX) ? tag.slice(PERIODIC_TAG_PREFIX.length) : undefined;
}

export async function unschedule(taskIds: Iterable<string>): Promise<void> {
  const manager = periodicSync();
  if (!manager) return;
  await Promise.all([...taskIds].map((id) => manager.unregister(periodicSyncTag(id)).catch(() => undefined)));
}
