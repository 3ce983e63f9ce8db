// SPDX-License-Identifier: MIT
// Compile-time only: the globals a runner gets against the real plugin's CapacitorAPI.
import type { CapacitorAPI } from '@capacitor/background-runner';
import type { EventKV } from './kv.js';
import type { EventNotifications } from './notifications.js';
import type { loadApp, loadDevice } from './device.js';
import type { CapacitorGeolocation, CapacitorWatch } from './unsupported.js';

export type RunnerApiContract = {
  CapacitorKV: EventKV['api'];
  CapacitorNotifications: EventNotifications['api'];
  CapacitorDevice: Awaited<ReturnType<typeof loadDevice>>;
  CapacitorApp: Awaited<ReturnType<typeof loadApp>>;
  CapacitorGeolocation: typeof CapacitorGeolocation;
  CapacitorWatch: typeof CapacitorWatch;
} extends CapacitorAPI ? true : never;
export const runnerApiContract: RunnerApiContract = true;
