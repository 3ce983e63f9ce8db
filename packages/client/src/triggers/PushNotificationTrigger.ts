// SPDX-License-Identifier: MIT
import { BackgroundTrigger } from './BackgroundTrigger.js';

/**
 * Runs its task when a push message arrives. The task gets `triggerDetails.text` (the payload, or null) and,
 * when the payload is JSON, `triggerDetails.json`.
 */
export class PushNotificationTrigger extends BackgroundTrigger {
  readonly type = 'push' as const;
}
