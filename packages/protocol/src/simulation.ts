// SPDX-License-Identifier: MIT
// What devtools (the panel, test drivers) may ask of a worker, and what it answers. Types only.
import type { ApplicationTriggerResult, BackgroundFetchEventKind, BackgroundTaskCancellationReason } from './vocabulary.js';
import type { DeviceOverrides, PushSubscriptionJSON } from './records.js';

/**
 * What devtools (the panel, test drivers) can make a worker do, through the same code paths as the real
 * events. A worker accepts these only when its app called `enableDevtools()`.
 */
export type Simulation =
  /** Fire one task's own trigger now, with `details` where the trigger carries any (arguments, a push payload, a notification). */
  | { kind: 'fire'; taskId: string; details?: SimulatedFireDetails }
  /** A push message, delivered as a `push` event (payload as text; null for none). */
  | { kind: 'push'; payload: string | null }
  /** A click on a notification or one of its actions (`notificationclick`), or its close (`notificationclose`). */
  | { kind: 'notification'; event: 'click' | 'close'; tag?: string; action?: string; title?: string; data?: unknown }
  /** A `sync` event for `tag`, as the browser fires it on reconnect. */
  | { kind: 'sync'; tag: string; lastChance?: boolean }
  /** A `periodicsync` event for `tag` (`bgkit:<taskId>` for a bgkit time trigger). */
  | { kind: 'periodicsync'; tag: string }
  /** A `pushsubscriptionchange` event (the push channel was reset): fires `controlChannelReset`. Absent is null. */
  | { kind: 'pushsubscriptionchange'; oldSubscription?: PushSubscriptionJSON | null; newSubscription?: PushSubscriptionJSON | null }
  /** Override what the device reports (sticky until reset); transitions fire system triggers as real ones do. */
  | { kind: 'device'; signals: DeviceOverrides }
  /** Drop every device override: the worker believes the pages' reports again. */
  | { kind: 'resetDevice' }
  /** Cancel a running (or queued) run with a chosen reason. */
  | { kind: 'cancel'; instanceId: string; reason: BackgroundTaskCancellationReason }
  /**
   * The kit clock: set how far it runs ahead of real time (`offset` ms, 0 puts it back), or read it without
   * `offset`. Schedules, catch-up and time limits follow it; it survives a worker restart.
   */
  | { kind: 'clock'; offset?: number }
  /**
   * A `backgroundfetch<event>` for a BackgroundFetchTrigger task, as if a fetch the page started had ended
   * (or its UI was clicked), with made-up records (`status` null: no response, as for an aborted one).
   */
  | { kind: 'backgroundfetch'; taskId: string; event: BackgroundFetchEventKind; failureReason?: string; downloaded?: number; records?: { url: string; status: number | null }[] };

/** `details` of a simulated fire, by the task's trigger: request arguments, a push payload, or notification fields. */
export interface SimulatedFireDetails {
  arguments?: unknown;
  payload?: string | null;
  action?: string;
  tag?: string;
  title?: string;
  data?: unknown;
  /** For a `controlChannelReset` task: the subscriptions its run's details carry (null when absent). */
  oldSubscription?: PushSubscriptionJSON | null;
  newSubscription?: PushSubscriptionJSON | null;
}

export interface SimulationOutcome {
  /** For `fire` of an ApplicationTrigger task, as `request()` answers; `cancel`: whether a run was found. */
  result?: ApplicationTriggerResult | boolean;
  /** For `clock`: the clock after the call. */
  clock?: ClockState;
}

/** The kit clock of a worker: its offset from real time and its time, in milliseconds. */
export interface ClockState {
  offset: number;
  now: number;
}
