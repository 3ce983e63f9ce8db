// SPDX-License-Identifier: MIT
import { validateOneShot, type SystemTriggerType, type TriggerSpec } from '@bgkit/protocol';
import { BackgroundTrigger, kSpec } from './BackgroundTrigger.js';

/**
 * Runs its task when the system changes state: `internetAvailable` (a real Background Sync where the browser
 * has one), `networkStateChange`, `userPresent`, `userAway`, `timeZoneChange` (relayed by open pages) and
 * `servicingComplete` (a new version of the app's worker activated). Windows' other types cannot happen on
 * the web: registering them fails with `unsupported-trigger`, and registering a type Windows does not have
 * fails with `invalid-trigger`. `powerStateChange` needs the Battery Status API, and `backgroundWorkCostChange`
 * it or Network Information: where the page has neither, they fail with `unsupported-trigger` too
 * (`details.api: 'BatteryManager'`).
 */
export class SystemTrigger extends BackgroundTrigger {
  readonly type = 'system' as const;
  declare readonly triggerType: SystemTriggerType;
  declare readonly oneShot: boolean;

  constructor(triggerType: SystemTriggerType, oneShot: boolean) {
    super();
    // The type is checked by the worker when the task is registered: the page would need the list of every
    // Windows system trigger for a check that register() makes anyway.
    validateOneShot(oneShot);
    this.triggerType = triggerType;
    this.oneShot = oneShot;
  }

  /** @internal */
  override [kSpec](): TriggerSpec {
    return { type: 'system', systemType: this.triggerType, oneShot: this.oneShot };
  }
}
