// SPDX-License-Identifier: MIT
import { BgkitError, type TriggerSpec } from '@bgkit/protocol';
import { ApplicationTrigger } from './ApplicationTrigger.js';
import type { BackgroundTrigger } from './BackgroundTrigger.js';
import { PushNotificationTrigger } from './PushNotificationTrigger.js';
import { SystemTrigger } from './SystemTrigger.js';
import { MaintenanceTrigger, TimeTrigger } from './TimeTrigger.js';
import { ToastNotificationActionTrigger, ToastNotificationHistoryChangedTrigger } from './ToastNotificationTriggers.js';
import { DEV } from '../internal/dev.js';

type TriggerClass = new (parameter?: never, oneShot?: boolean) => BackgroundTrigger;

/** Extended by the subpath entries of opt-in triggers (background-fetch.ts), which the main entry never bundles. */
export const triggerClasses: Record<string, TriggerClass> = {
  __proto__: null,
  application: ApplicationTrigger,
  time: TimeTrigger,
  maintenance: MaintenanceTrigger,
  push: PushNotificationTrigger,
  toastAction: ToastNotificationActionTrigger,
  toastHistoryChanged: ToastNotificationHistoryChangedTrigger,
  system: SystemTrigger,
} as unknown as Record<string, TriggerClass>;

/** Rebuilds the trigger object of a stored registration. */
export function triggerFromSpec(spec: TriggerSpec): BackgroundTrigger {
  const Trigger = triggerClasses[spec.type];
  if (!Trigger) throw new BgkitError('unsupported-trigger', DEV ? `Unknown stored trigger "${String(spec.type)}".` : '');
  const { systemType, freshnessTime, oneShot } = spec as { systemType?: never; freshnessTime?: never; oneShot?: boolean };
  return new Trigger(systemType ?? freshnessTime, oneShot);
}
