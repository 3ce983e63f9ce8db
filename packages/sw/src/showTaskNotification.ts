// SPDX-License-Identifier: MIT
import type { BackgroundTaskInstance } from './BackgroundTaskInstance.js';
import type { ToastTriggerDetails } from './protocol.js';
import { BgkitError } from './BgkitError.js';
import { DEV } from './internal/log.js';

declare const self: ServiceWorkerGlobalScope;

export interface TaskNotificationAction {
  action: string;
  title: string;
  icon?: string;
}

export interface TaskNotificationOptions extends Omit<NotificationOptions, 'data'> {
  /**
   * Buttons; browsers show at most `Notification.maxActions` of them (2 in Chromium: kNotificationMaxActions in
   * https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/public/common/notifications/notification_constants.h;
   * none in Safari: `actions` in https://github.com/mdn/browser-compat-data/blob/main/api/Notification.json).
   */
  actions?: TaskNotificationAction[];
  data?: unknown;
}

/**
 * Shows a notification from a task. The notification's data carries the task that showed it
 * (`data.bgkit = { taskId, instanceId }`) next to your own `data.value`, so a click or a close can be traced
 * back to it. Fails with `notifications-denied` without permission, instead of the browser's TypeError.
 */
export async function showTaskNotification(
  task: BackgroundTaskInstance<unknown>,
  title: string,
  options: TaskNotificationOptions = {},
): Promise<void> {
  if (typeof title !== 'string' || title === '') throw new BgkitError('invalid-argument', DEV ? 'A notification needs a title.' : '');
  if (typeof Notification !== 'undefined' && Notification.permission !== 'granted') {
    throw new BgkitError('notifications-denied', DEV ? `Notifications are not allowed for this origin (permission: ${Notification.permission}).` : '', {
      permission: Notification.permission,
    });
  }
  const { data, ...rest } = options;
  await self.registration.showNotification(title, {
    ...rest,
    data: { value: data, bgkit: { taskId: task.task.taskId, instanceId: task.instanceId } },
  } as NotificationOptions);
}

/**
 * Closes the notification whose click or dismissal started this run (a `ToastNotificationActionTrigger` task,
 * after acting on it: browsers leave a clicked notification open). The run's details are stored and cannot
 * hold the browser's Notification object, so it is found again by its tag and title, which also works in a
 * later worker than the one the click woke. Resolves with how many notifications were closed (0 when the
 * user or the system already removed it).
 */
export async function closeTaskNotification(task: BackgroundTaskInstance<ToastTriggerDetails>): Promise<number> {
  const details = task.triggerDetails as Partial<ToastTriggerDetails> | undefined;
  if (typeof details?.tag !== 'string' || typeof details.title !== 'string') {
    throw new BgkitError('invalid-argument', DEV ? 'closeTaskNotification() takes a run started by a notification trigger.' : '', { taskId: task.task.taskId });
  }
  // Notifications without a tag cannot be told apart by it: then the title must match too.
  const shown = (await self.registration.getNotifications(details.tag ? { tag: details.tag } : undefined)).filter((n) => n.tag === details.tag && n.title === details.title);
  for (const notification of shown) notification.close();
  return shown.length;
}
