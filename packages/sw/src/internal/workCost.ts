// SPDX-License-Identifier: MIT
// The work-cost rule, written once: BackgroundWorkCost.current() answers with it, the
// backgroundWorkCostNotHigh condition tests it, the device module fires backgroundWorkCostChange on its
// changes and the energySaver cancel reason reads lowBattery().
import type { BackgroundWorkCostValue, DeviceOverrides } from '../protocol.js';

/** On battery under 15 %: the work cost is high, and a cheap-moment task's cancel is energySaver. */
export function lowBattery(device: DeviceOverrides): boolean {
  // An unknown level (undefined) compares false: the cheap case.
  return device.onAC === false && device.batteryLevel! < 0.15;
}

/**
 * The cost rule, as a pure function so the worker's answer to pages, tasks' own reading and tests agree on it. `high` ("do no work", in Windows'
 * words): battery under 15 % and not charging, the user saving data, a 2G-class connection, or four or more
 * runs at once. `medium`: on battery, a 3G connection, or two or more runs. Otherwise `low`. Unknown signals
 * count as the cheap case. A `workCost` in the signals (set only by a devtools simulation) wins.
 */
export function computeWorkCost(device: DeviceOverrides, running: number): BackgroundWorkCostValue {
  // Forced by a devtools simulation.
  if (device.workCost) return device.workCost;
  const onBattery = device.onAC === false;
  if (
    lowBattery(device) ||
    device.saveData === true ||
    device.effectiveType === 'slow-2g' ||
    device.effectiveType === '2g' ||
    running >= 4
  ) {
    return 'high';
  }
  if (onBattery || device.effectiveType === '3g' || running >= 2) return 'medium';
  return 'low';
}
