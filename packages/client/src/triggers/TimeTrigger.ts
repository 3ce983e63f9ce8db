// SPDX-License-Identifier: MIT
import { validateFreshness, type TriggerSpec } from '@bgkit/sw/protocol';
import { BackgroundTrigger, kSpec } from './BackgroundTrigger.js';

/**
 * Runs its task every `freshnessTime` minutes (at least 15, as on Windows), or once with `oneShot`. Where the
 * browser grants Periodic Background Sync (Chromium, installed app) the browser wakes the worker for it; else
 * the task runs at the first wake of the worker after it is due. `registration.nextRunTime` says when.
 */
export class TimeTrigger extends BackgroundTrigger {
  readonly type = 'time' as const;
  readonly freshnessTime: number;
  readonly oneShot: boolean;

  constructor(freshnessTime: number, oneShot: boolean) {
    super();
    validateFreshness(freshnessTime, oneShot);
    this.freshnessTime = freshnessTime;
    this.oneShot = oneShot;
  }

  /** @internal */
  [kSpec](): TriggerSpec {
    return { type: 'time', freshnessTime: this.freshnessTime, oneShot: this.oneShot };
  }
}
