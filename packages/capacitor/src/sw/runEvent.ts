// SPDX-License-Identifier: MIT
/// <reference lib="webworker" />
import { BgkitError, type BackgroundTaskInstance } from '@bgkit/sw';
import type { AppInfo, UnhandledEvent } from '../types.js';
import { loadApp, loadDevice } from './device.js';
import { EventKV } from './kv.js';
import { EventNotifications } from './notifications.js';
import { RUNNER_GLOBAL_NAMES } from '../shared/globals.js';
import { TimerScope } from './timers.js';
import { toError } from './toError.js';
import { CapacitorGeolocation, CapacitorWatch } from './unsupported.js';

declare const self: ServiceWorkerGlobalScope;

/** A runner listener, as Capacitor calls it. */
export type RunnerListener = (resolve: (value?: unknown) => void, reject: (reason?: unknown) => void, args: unknown) => unknown;

/** The names a runner file sees as globals (see shared/globals.ts). */
export const RUNNER_GLOBALS = RUNNER_GLOBAL_NAMES;

export type RunnerGlobals = { [K in (typeof RUNNER_GLOBALS)[number]]: unknown };

/** A runner file's code: called once per event with a fresh set of globals (Capacitor's "new context per event"). */
export type RunnerBody = (globals: RunnerGlobals) => void;

export interface EventSettings {
  label: string;
  body: RunnerBody;
  manifest: string | undefined;
  appInfo: Partial<AppInfo>;
}

/**
 * Runs one event of a runner inside a bgkit task: loads what the synchronous Capacitor globals need, runs the
 * runner's code in a fresh context, calls the event's listener and settles with what it passed to `resolve`
 * (the run's result) or to `reject` / threw (the run's error). The task's time limit aborts `task.signal`:
 * the event then rejects with that reason, and bgkit records the run as canceled (`executionTimeExceeded`).
 * A runner without a listener for the event fails it with `invalid-argument`, unless `ifListened`: then the
 * run completes with an `UnhandledEvent`.
 */
export async function runEvent(
  settings: EventSettings,
  event: string,
  args: unknown,
  task: BackgroundTaskInstance<unknown>,
  { ifListened = false }: { ifListened?: boolean } = {},
): Promise<unknown> {
  const { label } = settings;
  const [kv, notifications, device, app] = await Promise.all([
    EventKV.open(label),
    EventNotifications.open(label),
    loadDevice(),
    loadApp(settings.manifest, settings.appInfo),
  ]);
  const timers = new TimerScope();
  const listeners = new Map<string, RunnerListener>();
  const globals: RunnerGlobals = {
    addEventListener: (name: unknown, listener: unknown) => {
      if (typeof name !== 'string' || typeof listener !== 'function') {
        throw new BgkitError('invalid-argument', 'A runner\'s addEventListener(event, listener) takes an event name and a function (resolve, reject, args) => ….');
      }
      // As in Capacitor's runner contexts, a later listener for an event replaces the earlier one.
      listeners.set(name, listener as RunnerListener);
    },
    console,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
    crypto: self.crypto,
    TextEncoder,
    TextDecoder,
    CapacitorKV: kv.api,
    CapacitorNotifications: notifications.api,
    CapacitorDevice: device,
    CapacitorApp: app,
    CapacitorGeolocation,
    CapacitorWatch,
  };
  try {
    settings.body(globals);
    const listener = listeners.get(event);
    if (!listener) {
      if (ifListened) return { handled: false, event } satisfies UnhandledEvent;
      throw new BgkitError('invalid-argument', `The runner "${label}" has no listener for the event "${event}" (its addEventListener calls register: ${[...listeners.keys()].map((e) => `"${e}"`).join(', ') || 'none'}).`, { label, event });
    }
    return await new Promise<unknown>((resolve, reject) => {
      const { signal } = task;
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      try {
        const returned = listener((value) => resolve(value), (reason) => reject(toError(reason)), args);
        // An async listener that throws rejects its promise: that is a failure as a throw is.
        if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') (returned as PromiseLike<unknown>).then(undefined, (e: unknown) => reject(toError(e)));
      } catch (error) {
        reject(toError(error));
      }
    });
  } finally {
    timers.clearAll();
    // Stored before the run settles: a value written by an event that resolved survives a kill right after.
    await Promise.all([kv.flush(), notifications.flush()]);
  }
}
