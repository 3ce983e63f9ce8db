// SPDX-License-Identifier: MIT
import { validateFreshness, type TriggerSpec } from '@bgkit/protocol';
import { BackgroundTrigger, kSpec } from './BackgroundTrigger.js';

/** What TimeTrigger and MaintenanceTrigger share: a freshness time in minutes (at least 15) and `oneShot`. */
abstract class ScheduledTrigger extends BackgroundTrigger {
  abstract override readonly type: 'time' | 'maintenance';
  declare readonly freshnessTime: number;
  declare readonly oneShot: boolean;

  constructor(freshnessTime: number, oneShot: boolean) {
    super();
    validateFreshness(freshnessTime, oneShot);
    this.freshnessTime = freshnessTime;
    this.oneShot = oneShot;
  }

  /** @internal */
  override [kSpec](): TriggerSpec {
    return { type: this.type, freshnessTime: this.freshnessTime, oneShot: this.oneShot };
  }
}

/**
 * Runs its task every `freshnessTime` minutes (at least 15, as on Windows), or once with `oneShot`. Where the
 * browser grants Periodic Background Sync (Chromium, installed app) the browser wakes the worker for it; else
 * the task runs at the first wake of the worker after it is due. `registration.nextRunTime` says when.
 */
export class TimeTrigger extends ScheduledTrigger {
  readonly type = 'time' as const;
}

/**
 * As TimeTrigger, but the task runs only on AC power: due while on battery, it waits (pending) for the
 * charger; running when power goes to battery, it is canceled with `abort`. Power comes from open pages
 * (Battery Status API); where no page can tell, the device counts as on AC.
 */
export class MaintenanceTrigger extends ScheduledTrigger {
  readonly type = 'maintenance' as const;
}
