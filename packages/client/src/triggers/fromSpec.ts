// SPDX-License-Identifier: MIT
import type { TriggerSpec } from '@bgkit/protocol';
import { ApplicationTrigger } from './ApplicationTrigger.js';
import { BackgroundTrigger } from './BackgroundTrigger.js';
import { PushNotificationTrigger } from './PushNotificationTrigger.js';
import { SystemTrigger } from './SystemTrigger.js';
import { MaintenanceTrigger, TimeTrigger } from './TimeTrigger.js';
import { ToastNotificationActionTrigger, ToastNotificationHistoryChangedTrigger } from './ToastNotificationTriggers.js';

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
  // A kind whose class this page did not import (an opt-in entry's: Background Fetch): a bare trigger of that
  // type, so that listing every task still works here; the kind's own methods come with its entry.
  if (!Trigger) return { __proto__: BackgroundTrigger.prototype, type: spec.type } as unknown as BackgroundTrigger;
  const { systemType, freshnessTime, oneShot } = spec as { systemType?: never; freshnessTime?: never; oneShot?: boolean };
  return new Trigger(systemType ?? freshnessTime, oneShot);
}
