// SPDX-License-Identifier: MIT
import type { BackgroundWorkCostValue } from '@bgkit/protocol';
import { call } from './internal/connection.js';

/**
 * Windows' BackgroundWorkCost, from the page: how much background work the device can take now (`low`,
 * `medium`, `high`), from the battery, data saving and connection type open pages report and from how many
 * runs are going. Tasks read the same value with `BackgroundWorkCost.current()` from `@bgkit/sw`.
 */
export const BackgroundWorkCost = {
  current(): Promise<BackgroundWorkCostValue> {
    return call('workCost');
  },
};
