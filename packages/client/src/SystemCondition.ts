// SPDX-License-Identifier: MIT
import { BgkitError, SYSTEM_CONDITION_TYPES, type ConditionSpec, type SystemConditionType } from '@bgkit/protocol';
import type { BackgroundCondition } from './BackgroundCondition.js';
import { kSpec } from './triggers/BackgroundTrigger.js';
import { DEV } from './internal/dev.js';

/**
 * A state that must hold for a triggered task to run (Windows' SystemCondition). A trigger that fires while
 * it does not hold is kept as pending and runs as soon as it does, even in a later worker lifetime.
 * Evaluated today: internet (not) available, user (not) present, session (dis)connected.
 */
export class SystemCondition implements BackgroundCondition {
  declare readonly conditionType: SystemConditionType;

  constructor(conditionType: SystemConditionType) {
    if (!SYSTEM_CONDITION_TYPES.includes(conditionType)) {
      throw new BgkitError('invalid-argument', DEV ? `"${String(conditionType)}" is not a SystemConditionType.` : '', { conditionType });
    }
    this.conditionType = conditionType;
  }

  /** @internal */
  [kSpec](): ConditionSpec {
    return { type: this.conditionType };
  }
}
