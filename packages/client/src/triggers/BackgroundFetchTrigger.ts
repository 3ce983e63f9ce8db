// SPDX-License-Identifier: MIT
import { BACKGROUND_FETCH_PREFIX, BgkitError, validateDuration, MESSAGES } from '@bgkit/protocol';
import { getRegistration, TIMED_OUT, within } from '../internal/connection.js';
import { DEV } from '../internal/dev.js';
import { BackgroundTrigger, kTasks } from './BackgroundTrigger.js';
import { triggerClasses } from './fromSpec.js';

/**
 * The browser's BackgroundFetchRegistration (Chromium), as `fetch()` returns it: its totals move as the
 * browser downloads, with a `progress` event each time, and `abort()` ends it (a `backgroundfetchabort` run).
 * (Declared here: TypeScript's lib has no Background Fetch.)
 */
export interface BackgroundFetch extends EventTarget {
  readonly id: string;
  readonly downloaded: number;
  /** What `fetch()` was told to expect (0 when not told). */
  readonly downloadTotal: number;
  readonly uploaded: number;
  readonly uploadTotal: number;
  /** '' while running, then 'success' or 'failure'. */
  readonly result: '' | 'success' | 'failure';
  readonly failureReason: string;
  abort(): Promise<boolean>;
}

export interface BackgroundFetchOptions {
  /** Shown in the browser's download UI. */
  title?: string;
  /** The bytes to expect in all; the browser fails the fetch ('download-total-exceeded') past it. */
  downloadTotal?: number;
  icons?: { src: string; sizes?: string; type?: string; label?: string }[];
  /** Milliseconds to wait for the browser to accept the fetch before failing with `sw-timeout`. @default 10000 */
  timeout?: number;
}

interface BackgroundFetchManager {
  fetch(id: string, requests: RequestInfo[], options?: BackgroundFetchOptions): Promise<BackgroundFetch>;
}

/**
 * Windows' content-prefetch idea on the web's Background Fetch (Chromium only): `fetch(requests)` hands the
 * downloads to the browser, which carries them on past the page and the worker's lifetime, and the task runs
 * when they end (`backgroundfetchsuccess`, `fail`, `abort`) or the download UI is clicked (`click`). Its
 * `triggerDetails` list the records (BackgroundFetchTriggerDetails). The worker must call
 * `enableBackgroundFetch()`; elsewhere than Chromium, register() fails with `unsupported-trigger`
 * (`details.api: 'BackgroundFetchManager'`): run an ApplicationTrigger task with `task.fetchOrQueue()` instead.
 */
export class BackgroundFetchTrigger extends BackgroundTrigger {
  readonly type = 'backgroundFetch' as const;
  /** @internal */
  override readonly [kTasks] = new Set<string>();

  /**
   * Starts a Background Fetch of `requests` for the task this trigger is registered on (its id names the
   * task: `bgkit-fetch:<taskId>:<uuid>`). Resolves with the browser's registration, whose `progress` events
   * are the download's own progress.
   */
  async fetch(requests: RequestInfo | RequestInfo[], options?: BackgroundFetchOptions | null): Promise<BackgroundFetch> {
    // Checked before anything waits: a bad timeout is refused at once, whatever the worker's state.
    const { timeout = 10_000, ...browserOptions } = options ?? {};
    validateDuration('timeout', timeout);
    const [taskId, other] = this[kTasks];
    if (!taskId) throw new BgkitError('not-registered', DEV ? MESSAGES.triggerNotOnTask('BackgroundFetchTrigger') : '');
    // A fetch's id names one task, whose run its events start.
    if (other) throw new BgkitError('invalid-trigger', DEV ? 'A BackgroundFetchTrigger starts one task: set a new trigger on each task.' : '', { tasks: [...this[kTasks]] });
    const manager = (await getRegistration() as { backgroundFetch?: BackgroundFetchManager }).backgroundFetch;
    if (!manager) throw new BgkitError('unsupported-trigger', DEV ? 'This browser has no Background Fetch: run an ApplicationTrigger task with task.fetchOrQueue() instead.' : '', { api: 'BackgroundFetchManager' });
    // Bounded like every public call: the browser's answer is a promise nothing else bounds.
    const started = manager
      .fetch(`${BACKGROUND_FETCH_PREFIX}${taskId}:${crypto.randomUUID()}`, Array.isArray(requests) ? requests : [requests], browserOptions)
      // The browser refuses bad requests or options with a TypeError: coded, as all bad input is (the
      // browser's error is the cause). What is no bad input (a DOMException: a quota, a permission) stays as it is.
      .catch((cause: unknown) => {
        if (!(cause instanceof TypeError)) throw cause;
        throw new BgkitError('invalid-argument', DEV ? `The browser refused the Background Fetch: ${cause.message}` : '', { name: cause.name }, { cause });
      });
    const fetched = await within(started, timeout);
    if (fetched === TIMED_OUT) throw new BgkitError('sw-timeout', DEV ? `The browser did not accept the Background Fetch within ${timeout} ms.` : '', { api: 'BackgroundFetchManager.fetch', waited: timeout });
    return fetched;
  }
}

// So that the registry rebuilds stored backgroundFetch tasks with this class (their `trigger.fetch()` works)
// in a page that imports it; the main entry never names it. Here, beside the class, not in the entry module:
// a bundler that follows the entry's re-export straight to this file (package sideEffects: false) would drop
// a statement there.
triggerClasses.backgroundFetch = BackgroundFetchTrigger as never;
