// SPDX-License-Identifier: MIT
import type { ConditionSpec } from '@bgkit/protocol';
import type { kSpec } from './triggers/BackgroundTrigger.js';

/** Windows' IBackgroundCondition: a state that must hold for a triggered task to run. */
export interface BackgroundCondition {
  /** @internal */
  [kSpec](): ConditionSpec;
}
