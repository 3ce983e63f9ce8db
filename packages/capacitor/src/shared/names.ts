// SPDX-License-Identifier: MIT
// The names the page and the worker agree on: one bgkit entry point (and one registered task) per way a
// runner's event can start. Shared so that the two sides cannot drift apart.

/** The entry point of events dispatched with `BackgroundRunner.dispatchEvent()` (an ApplicationTrigger task). */
export function dispatchEntryPoint(label: string): string {
  return `capacitor:${label}`;
}

/** The entry point of the configured `event`, run on the `autoStart` schedule (a TimeTrigger task). */
export function autoStartEntryPoint(label: string): string {
  return `capacitor:${label}:autoStart`;
}

/** The entry point of `remoteNotification`, run on every push message (a PushNotificationTrigger task). */
export function pushEntryPoint(label: string): string {
  return `capacitor:${label}:remoteNotification`;
}

/**
 * The entry point that shows a runner's notifications whose `scheduleAt` has come: each such notification is
 * a one-shot TimeTrigger task of it, registered by the worker when the runner schedules it.
 */
export function scheduledEntryPoint(label: string): string {
  return `capacitor:${label}:scheduledNotifications`;
}

/** Registered task names, as the history, the devtools panel and the Playwright driver's `fire()` show them. */
export const taskNames = {
  dispatch: (label: string) => label,
  autoStart: (label: string, event: string) => `${label} · ${event} (autoStart)`,
  push: (label: string) => `${label} · remoteNotification`,
  scheduled: (label: string, id: number) => `${label} · notification ${id} (scheduleAt)`,
};

/** The arguments a dispatch task receives (`triggerDetails.arguments`). */
export interface DispatchArguments {
  event: string;
  details?: Record<string, unknown>;
  /** Chosen by the page to find this dispatch's run: `request()` does not answer with an instance id. */
  dispatchId?: string;
}

/** The BroadcastChannel on which the worker tells pages that one of the runner's notifications was acted on. */
export const NOTIFICATION_CHANNEL = 'bgkit-capacitor:notifications';

/** What the worker posts on NOTIFICATION_CHANNEL (Capacitor's `NotificationActionEvent`). */
export interface NotificationActionMessage {
  actionTypeId: string;
  notificationId: number;
}
