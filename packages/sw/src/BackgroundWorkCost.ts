// SPDX-License-Identifier: MIT
import { readDevice } from './internal/device.js';
import { workingCount } from './internal/runner.js';
import type { BackgroundWorkCostValue } from './protocol.js';
import { computeWorkCost } from './internal/workCost.js';

/** Windows' BackgroundWorkCost: how much work a task should do now. Read it inside a task to scale down. */
export const BackgroundWorkCost = {
  async current(): Promise<BackgroundWorkCostValue> {
    return computeWorkCost(await readDevice(), workingCount());
  },
};
