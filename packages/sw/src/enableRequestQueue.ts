// SPDX-License-Identifier: MIT
import { Queue } from 'workbox-background-sync';
import { BgkitError } from './BgkitError.js';
import { install } from './internal/install.js';
import { setRequestQueue } from './internal/requestQueueHook.js';

declare const self: ServiceWorkerGlobalScope;

export interface RequestQueueOptions {
  /** The queue's name; one per worker. @default 'bgkit-requests' */
  name?: string;
  /** Minutes a queued request is kept before it is dropped unsent. @default 1440 (one day) */
  maxRetentionTime?: number;
}

let enabled = false;

/**
 * Lets tasks registered with `isNetworkRequested` call `task.fetchOrQueue()`: a request that fails for want
 * of a network is kept (workbox-background-sync's Queue, in IndexedDB) and replayed on reconnect, by a real
 * Background Sync where the browser has one, else when the worker starts or a page reports being back
 * online. Call it at the top level of the worker: the queue's sync listener must exist from the start.
 */
export function enableRequestQueue(options: RequestQueueOptions = {}): void {
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
    throw new BgkitError('invalid-argument', 'The request queue name must be a non-empty string.', { name: options.name });
  }
  const retention = options.maxRetentionTime;
  if (retention !== undefined && !(typeof retention === 'number' && retention > 0 && Number.isFinite(retention))) {
    throw new BgkitError('invalid-argument', 'maxRetentionTime is a positive number of minutes.', { maxRetentionTime: retention });
  }
  if (enabled) return;
  enabled = true;
  const queue = new Queue(options.name ?? 'bgkit-requests', { maxRetentionTime: options.maxRetentionTime ?? 24 * 60 });
  let replaying: Promise<void> | undefined;
  setRequestQueue({
    pushRequest: (entry) => queue.pushRequest(entry),
    replayWithoutSync() {
      if (self.registration && 'sync' in self.registration) return Promise.resolve();
      replaying ??= queue.replayRequests().catch(() => undefined).finally(() => (replaying = undefined));
      return replaying;
    },
  });
  install();
}
