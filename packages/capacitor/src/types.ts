// SPDX-License-Identifier: MIT
// Capacitor Background Runner's types, restated so that the published package needs no Capacitor package.
// src/contract.ts checks them against the real @capacitor/background-runner: a change of theirs fails our build.

/** Capacitor's PermissionState. */
export type PermissionState = 'prompt' | 'prompt-with-rationale' | 'granted' | 'denied';

/** The device APIs a runner may need permission for. */
export type API = 'geolocation' | 'notifications';

export interface PermissionStatus {
  geolocation: PermissionState;
  notifications: PermissionState;
}

export interface RequestPermissionOptions {
  apis: API[];
}

export interface DispatchEventOptions {
  /** The runner label to dispatch the event to. */
  label: string;
  /** The name of the registered event listener. */
  event: string;
  details: { [key: string]: any };
}

/** `plugins.BackgroundRunner` of `capacitor.config`. */
export interface BackgroundRunnerConfig {
  label: string;
  src: string;
  event: string;
  repeat: boolean;
  interval: number;
  autoStart?: boolean;
}

export interface NotificationActionEvent {
  actionTypeId: string;
  notificationId: number;
}

export interface PluginListenerHandle {
  remove: () => Promise<void>;
}

export interface BatteryStatus {
  batteryLevel: number;
  isCharging: boolean;
}

export interface NetworkStatus {
  connected: boolean;
  connectionType: string;
}

export interface NotificationBadgeOptions {
  count: number;
  notificationTitle: string;
  notificationSubtitle: string;
}

export interface NotificationScheduleOptions {
  id: number;
  title: string;
  body: string;
  scheduleAt: Date;
  sound?: string;
  actionTypeId?: string;
  threadIdentifier?: string;
  summaryArgument?: string;
  group?: string;
  groupSummary?: string;
  extra?: any;
  ongoing?: boolean;
  autoCancel?: boolean;
  largeBody?: string;
  summaryText?: string;
  smallIcon?: string;
  largeIcon?: string;
  channelId?: string;
}

export interface AppInfo {
  name: string;
  id: string;
  build: string;
  version: string;
}

export interface AppState {
  isActive: boolean;
}

/**
 * Not in Capacitor: the result of a run of an event Capacitor fires by itself (`remoteNotification`) at a runner
 * with no listener for it. Nothing ran; the run stays in the history, saying so, without counting as a failure.
 */
export interface UnhandledEvent {
  handled: false;
  event: string;
}
