// SPDX-License-Identifier: MIT
import { BackgroundTrigger } from './BackgroundTrigger.js';

/**
 * Runs its task when the user clicks a notification of the app, its body or one of its action buttons
 * (`notificationclick`), with no window needed. The task gets `triggerDetails`: `action` ('' for the body),
 * the notification's `tag`, `title` and `data`.
 */
export class ToastNotificationActionTrigger extends BackgroundTrigger {
  readonly type = 'toastAction' as const;
}

/** Runs its task when the user dismisses a notification of the app (`notificationclose`). */
export class ToastNotificationHistoryChangedTrigger extends BackgroundTrigger {
  readonly type = 'toastHistoryChanged' as const;
}
