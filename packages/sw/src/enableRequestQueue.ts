// SPDX-License-Identifier: MIT
import { Queue } from 'workbox-background-sync';
import { BgkitError } from './BgkitError.js';
import { install } from './internal/install.js';
import { setRequestQueue } from './internal/requestQueueHook.js';
import { DEV } from './internal/log.js';

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
    throw new BgkitError('invalid-argument', DEV ? 'The request queue name must be a non-empty string.' : '', { name: options.name });
  }
  const retention = options.maxRetentionTime;
  if (retention !== undefined && !(typeof retention === 'number' && retention > 0 && Number.isFinite(retention))) {
    throw new BgkitError('invalid-argument', DEV ? 'maxRetentionTime is a positive number of minutes.' : '', { maxRetentionTime: retention });
  }
  if (enabled) return;
  enabled = true;
  const hasSync = () => Boolean(self.registration && 'sync' in self.registration);
  let replaying: Promise<void> | undefined;
  // Whether the queue may hold requests: unknown when the worker starts, known empty after a replay during
  // which nothing was added. So every online report can ask for a replay for the price of this flag: a
  // reconnect too quick for the worker to see the network go (its state stayed online) still replays.
  let mayHold = true;
  let added = 0;
  // One replay at a time, whoever asks (the queue at start-up, a sync, a report): shifting an entry is two
  // transactions, so two replays at once could send one request twice. A request made during a replay gets
  // one more after it, unless that one emptied the queue: the running one may have begun before the network
  // came back, and fail.
  let again: Promise<void> | undefined;
  const replay = (q: Queue): Promise<void> => {
    if (replaying) {
      return (again ??= replaying
        .catch(() => undefined)
        .then(() => {
          again = undefined;
          return mayHold ? replay(q) : undefined;
        }));
    }
    const before = added;
    replaying = q
      .replayRequests()
      .then(() => void (added === before && (mayHold = false)))
      .finally(() => (replaying = undefined));
    return replaying;
  };
  const queue = new Queue(options.name ?? 'bgkit-requests', {
    maxRetentionTime: options.maxRetentionTime ?? 24 * 60,
    // A sync's replay must fail for the browser to retry it; the start-up replay has no one to tell.
    onSync: ({ queue: q }) => (hasSync() ? replay(q) : replay(q).catch(() => undefined)),
  });
  setRequestQueue({
    async pushRequest(entry) {
      added++;
      mayHold = true;
      await queue.pushRequest(entry);
    },
    replayWithoutSync() {
      return hasSync() || !mayHold ? Promise.resolve() : replay(queue).catch(() => undefined);
    },
  });
  install();
}
