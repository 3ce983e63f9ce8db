// SPDX-License-Identifier: MIT
import type { ConditionSpec, SystemConditionType } from '@bgkit/protocol';
import type { BackgroundCondition } from './BackgroundCondition.js';
import { kSpec } from './triggers/BackgroundTrigger.js';

/**
 * A state that must hold for a triggered task to run (Windows' SystemCondition). A trigger that fires while
 * it does not hold is kept as pending and runs as soon as it does, even in a later worker lifetime.
 * Evaluated today: internet (not) available, user (not) present, session (dis)connected.
 */
export class SystemCondition implements BackgroundCondition {
  declare readonly conditionType: SystemConditionType;

  constructor(conditionType: SystemConditionType) {
    // The type is checked by the worker when the task is registered (validateConditionType: invalid-argument,
    // details.condition), as a SystemTrigger's is: the page would carry the list of every condition for a
    // check register() makes anyway.
    this.conditionType = conditionType;
  }

  /** @internal */
  [kSpec](): ConditionSpec {
    return { type: this.conditionType };
  }
}
