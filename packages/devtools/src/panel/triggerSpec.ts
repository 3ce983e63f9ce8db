// SPDX-License-Identifier: MIT
import type { BackgroundTrigger, SystemTriggerType } from '@bgkit/client';
import type { TriggerSpec } from '@bgkit/sw/protocol';

type AnyTrigger = BackgroundTrigger & { freshnessTime?: number; oneShot?: boolean; triggerType?: SystemTriggerType };

/** The stored form of a registration's trigger, read from its public fields. */
export function triggerSpecOf(trigger: BackgroundTrigger): TriggerSpec {
  const t = trigger as AnyTrigger;
  switch (t.type) {
    case 'time':
    case 'maintenance':
      return { type: t.type, freshnessTime: t.freshnessTime ?? 0, oneShot: t.oneShot ?? false };
    case 'system':
      return { type: 'system', systemType: t.triggerType ?? 'userPresent', oneShot: t.oneShot ?? false };
    default:
      return { type: t.type };
  }
}
