// SPDX-License-Identifier: MIT
export {
  BgkitDriver,
  type BgkitDriverOptions,
  type ChangePushSubscription,
  type DeviceStateChange,
  type FireOutcome,
  type RunFilter,
  type Via,
  type WaitForRunOptions,
} from './BgkitDriver.js';
export { ServiceWorkerCdp, type RunningStatus } from './ServiceWorkerCdp.js';
export { startNotificationServer, type NotificationServer, type ShownNotification } from './notificationServer.js';
