// SPDX-License-Identifier: MIT
// Compile-time only (type-checked with the package, never built or shipped): bgkit's BackgroundRunner and
// runner globals against the real @capacitor/background-runner. If Capacitor changes its contract, this
// file stops compiling and so does our type-check.
import type {
  BackgroundRunnerConfig as CapConfig,
  BackgroundRunnerPlugin,
  DispatchEventOptions as CapDispatchEventOptions,
  NotificationScheduleOptions as CapNotificationScheduleOptions,
  PermissionStatus as CapPermissionStatus,
} from '@capacitor/background-runner';
import type { BackgroundRunner } from './BackgroundRunner.js';
import type { BackgroundRunnerConfig, DispatchEventOptions, NotificationScheduleOptions, PermissionStatus } from './types.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function same<T extends true>(): T | undefined {
  return undefined;
}

/** bgkit's runner implements the plugin, every method with the plugin's own signature. */
export type PluginContract = typeof BackgroundRunner extends BackgroundRunnerPlugin ? true : never;
export const pluginContract: PluginContract = true;
same<Same<DispatchEventOptions, CapDispatchEventOptions>>();
same<Same<PermissionStatus, CapPermissionStatus>>();
same<Same<BackgroundRunnerConfig, CapConfig>>();
same<Same<NotificationScheduleOptions, CapNotificationScheduleOptions>>();
