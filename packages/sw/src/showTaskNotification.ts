// SPDX-License-Identifier: MIT
import type { BackgroundTaskInstance } from './BackgroundTaskInstance.js';
import { BgkitError } from './BgkitError.js';

declare const self: ServiceWorkerGlobalScope;

export interface TaskNotificationAction {
  action: string;
  title: string;
  icon?: string;
}

export interface TaskNotificationOptions extends Omit<NotificationOptions, 'data'> {
  /** Buttons; browsers show at most `Notification.maxActions` of them (2 in Chromium, none in Safari). */
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
  if (typeof title !== 'string' || title === '') throw new BgkitError('invalid-argument', 'A notification needs a title.');
  if (typeof Notification !== 'undefined' && Notification.permission !== 'granted') {
    throw new BgkitError('notifications-denied', `Notifications are not allowed for this origin (permission: ${Notification.permission}).`, {
      permission: Notification.permission,
    });
  }
  const { data, ...rest } = options;
  await self.registration.showNotification(title, {
    ...rest,
    data: { value: data, bgkit: { taskId: task.task.taskId, instanceId: task.instanceId } },
  } as NotificationOptions);
}
