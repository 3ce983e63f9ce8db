// SPDX-License-Identifier: MIT
import { MESSAGES } from './protocol.js';
import { BgkitError } from './BgkitError.js';
import { storageError } from './internal/db.js';
import { requestQueue } from './internal/requestQueueHook.js';
import type { BackgroundTaskCancellationReason } from './protocol.js';
import { DEV } from './internal/log.js';

/** Fired on a task instance when the kit cancels it; `reason` says why, as Windows does. */
export class BackgroundTaskCanceledEvent extends Event {
  declare readonly reason: BackgroundTaskCancellationReason;
  constructor(reason: BackgroundTaskCancellationReason) {
    super('canceled');
    this.reason = reason;
  }
}

/** Returned by `getDeferral()`: the run stays open until every deferral taken has been completed. */
export interface BackgroundTaskDeferral {
  complete(): void;
}

export interface BackgroundTaskInfo {
  readonly name: string;
  readonly taskId: string;
}

/**
 * What `task.retry()` gives: returned (or thrown) by a handler, it ends the run as failed and asks for the
 * next attempt under the task's retry policy. Not constructed by apps.
 */
export class RetryRequest {
  /** The run's error: what was passed to retry(), if anything. */
  declare readonly cause: unknown;
  /** @internal */
  constructor(cause: unknown) {
    this.cause = cause;
  }
}

/** The runner's side of an instance (not for apps). */
export interface InstanceHooks {
  onProgress(progress: number): void;
  onDeferralsSettled(): void;
}

/** What the runner makes an instance from (not for apps). */
export interface InstanceInit<TDetails> {
  instanceId: string;
  task: BackgroundTaskInfo;
  triggerDetails: TDetails;
  hooks: InstanceHooks;
  networkRequested?: boolean;
  attempt?: number;
}

/** @internal Cancels once: records the reason, fires `canceled`, then aborts the signal. */
export let cancelInstance: (instance: BackgroundTaskInstance<unknown>, reason: BackgroundTaskCancellationReason) => boolean;
/** @internal */
export let countOpenDeferrals: (instance: BackgroundTaskInstance<unknown>) => number;

export interface BackgroundTaskInstanceEventMap {
  canceled: BackgroundTaskCanceledEvent;
}

export interface BackgroundTaskInstance<TDetails> {
  addEventListener<K extends keyof BackgroundTaskInstanceEventMap>(
    type: K,
    listener: (this: BackgroundTaskInstance<TDetails>, ev: BackgroundTaskInstanceEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof BackgroundTaskInstanceEventMap>(
    type: K,
    listener: (this: BackgroundTaskInstance<TDetails>, ev: BackgroundTaskInstanceEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/**
 * What a task handler receives: Windows' IBackgroundTaskInstance. Set `progress` to report (0–100), take
 * a deferral for callback-style work, and stop when `signal` aborts or `canceled` fires.
 */
export class BackgroundTaskInstance<TDetails = unknown> extends EventTarget {
  // Set in the constructor, in this order: declared only, so that no empty field is defined first.
  declare readonly instanceId: string;
  declare readonly task: BackgroundTaskInfo;
  declare readonly triggerDetails: TDetails;
  /** Aborts when the instance is canceled; its reason is a BgkitError with code `task-canceled`. */
  declare readonly signal: AbortSignal;
  /** Always 0 here: browsers do not suspend a worker's task and resume it. Kept for the Windows shape. */
  declare readonly suspendedCount: 0;
  /** Which attempt this run is: 1 for a first run, 2 for the first retry, … (WorkManager's runAttemptCount + 1). */
  declare readonly attempt: number;
  #progress = 0;
  #openDeferrals = 0;
  #cancelReason: BackgroundTaskCancellationReason | null = null;
  #init: InstanceInit<TDetails>;
  #controller = new AbortController();

  static {
    cancelInstance = (instance, reason) => {
      if (instance.#cancelReason) return false;
      instance.#cancelReason = reason;
      try {
        instance.dispatchEvent(new BackgroundTaskCanceledEvent(reason));
      } finally {
        instance.#controller.abort(new BgkitError('task-canceled', DEV ? MESSAGES.taskCanceled(reason) : '', { reason }));
      }
      return true;
    };
    countOpenDeferrals = (instance) => instance.#openDeferrals;
  }

  /** Not for apps: instances are made by the runtime, never by handlers. */
  constructor(init: InstanceInit<TDetails>) {
    super();
    this.instanceId = init.instanceId;
    this.task = Object.freeze({ ...init.task });
    this.triggerDetails = init.triggerDetails;
    this.signal = this.#controller.signal;
    this.suspendedCount = 0;
    this.attempt = init.attempt ?? 1;
    this.#init = init;
  }

  /**
   * Asks to be run again: `return task.retry()` (or `throw task.retry(error)`) ends this run as failed, with
   * `cause` as its error, and the next attempt runs after the backoff delay of the task's retry policy (the
   * builder's `retryPolicy`, else DEFAULT_RETRY_POLICY) until its `maxAttempts` are used up.
   * @example
   * defineTask('upload', async (task) => {
   *   const response = await fetch('/api/upload', { method: 'POST', signal: task.signal });
   *   if (response.status >= 500) return task.retry(new Error(`upload: HTTP ${response.status}`));
   *   return { status: response.status };
   * });
   */
  retry(cause?: unknown): RetryRequest {
    return new RetryRequest(cause);
  }

  /**
   * For tasks registered with `isNetworkRequested` (and a worker that called enableRequestQueue()): fetches,
   * or, when the request fails for want of a network, queues it for replay on reconnect and resolves null.
   * A request canceled with the task is not queued.
   */
  async fetchOrQueue(input: RequestInfo | URL, init?: RequestInit): Promise<Response | null> {
    if (!this.#init.networkRequested) {
      throw new BgkitError('invalid-argument', DEV ? 'fetchOrQueue() is for tasks registered with isNetworkRequested = true.' : '');
    }
    const queue = requestQueue();
    if (!queue) throw new BgkitError('invalid-argument', DEV ? 'Call enableRequestQueue() at the top level of the service worker first.' : '');
    const request = new Request(input, init);
    try {
      return await fetch(request.clone(), { signal: this.signal });
    } catch (error) {
      if (this.signal.aborted) throw error;
      // The queue is kept in IndexedDB (workbox-background-sync): a store that refuses the request is
      // storage-full (or storage-error), as everywhere else in the kit, not a bare QuotaExceededError.
      await queue.pushRequest({ request }).catch((failure: unknown) => {
        throw storageError(failure);
      });
      return null;
    }
  }

  get progress(): number {
    return this.#progress;
  }

  set progress(value: number) {
    if (typeof value !== 'number' || !(value >= 0 && value <= 100)) {
      throw new BgkitError('invalid-progress', DEV ? `progress must be a number from 0 to 100 (got ${String(value)}).` : '', { value });
    }
    const rounded = Math.round(value);
    if (rounded === this.#progress || this.#cancelReason) return;
    this.#progress = rounded;
    this.#init.hooks.onProgress(rounded);
  }

  /** Why the instance was canceled, or null while it was not. */
  get cancelReason(): BackgroundTaskCancellationReason | null {
    return this.#cancelReason;
  }

  /** Keeps the run open after the handler returns, until `complete()` is called on every deferral taken. */
  getDeferral(): BackgroundTaskDeferral {
    this.#openDeferrals++;
    let done = false;
    return {
      complete: () => {
        if (done) return;
        done = true;
        if (--this.#openDeferrals === 0) this.#init.hooks.onDeferralsSettled();
      },
    };
  }
}
