// SPDX-License-Identifier: MIT
/// <reference lib="webworker" />
// @bgkit/capacitor/sw: runs Capacitor Background Runner files in a service worker, on bgkit tasks.
export { defineRunner, type RunnerDefinition } from './sw/defineRunner.js';
export { RUNNER_GLOBALS, type RunnerBody, type RunnerGlobals, type RunnerListener } from './sw/runEvent.js';
export type { RunnerNotificationData } from './sw/notifications.js';
export type { AppInfo, AppState, BackgroundRunnerConfig, BatteryStatus, NetworkStatus, NotificationScheduleOptions, UnhandledEvent } from './types.js';
