// SPDX-License-Identifier: MIT
import { BgkitError, type TriggerSpec } from '@bgkit/sw/protocol';
import { ApplicationTrigger } from './ApplicationTrigger.js';
import type { BackgroundTrigger } from './BackgroundTrigger.js';
import { PushNotificationTrigger } from './PushNotificationTrigger.js';
import { SystemTrigger } from './SystemTrigger.js';
import { MaintenanceTrigger, TimeTrigger } from './TimeTrigger.js';
import { ToastNotificationActionTrigger, ToastNotificationHistoryChangedTrigger } from './ToastNotificationTriggers.js';

/** Rebuilds the trigger object of a stored registration. */
export function triggerFromSpec(spec: TriggerSpec): BackgroundTrigger {
  switch (spec.type) {
    case 'application':
      return new ApplicationTrigger();
    case 'time':
      return new TimeTrigger(spec.freshnessTime, spec.oneShot);
    case 'maintenance':
      return new MaintenanceTrigger(spec.freshnessTime, spec.oneShot);
    case 'push':
      return new PushNotificationTrigger();
    case 'toastAction':
      return new ToastNotificationActionTrigger();
    case 'toastHistoryChanged':
      return new ToastNotificationHistoryChangedTrigger();
    case 'system':
      return new SystemTrigger(spec.systemType, spec.oneShot);
    default:
      throw new BgkitError('unsupported-trigger', `Unknown stored trigger "${String((spec as { type: unknown }).type)}".`);
  }
}
