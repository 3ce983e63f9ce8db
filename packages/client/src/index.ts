// SPDX-License-Identifier: MIT
export { BackgroundExecutionManager, type BackgroundAccessPart, type BackgroundAccessReport } from './BackgroundExecutionManager.js';
export { BackgroundTaskBuilder } from './BackgroundTaskBuilder.js';
export type { BackgroundCondition } from './BackgroundCondition.js';
export { BackgroundTaskRegistration, BackgroundTaskRegistrationGroup, type BackgroundTaskRun } from './BackgroundTaskRegistration.js';
export {
  BackgroundTaskCompletedEvent,
  BackgroundTaskProgressEvent,
  type BackgroundTaskRegistrationEventMap,
} from './BackgroundTaskEvents.js';
export { BackgroundTrigger } from './triggers/BackgroundTrigger.js';
export { ApplicationTrigger, type RequestArguments, type ValueSet } from './triggers/ApplicationTrigger.js';
export { MaintenanceTrigger, TimeTrigger } from './triggers/TimeTrigger.js';
export { PushNotificationTrigger } from './triggers/PushNotificationTrigger.js';
export { SystemTrigger } from './triggers/SystemTrigger.js';
export { ToastNotificationActionTrigger, ToastNotificationHistoryChangedTrigger } from './triggers/ToastNotificationTriggers.js';
export { SystemCondition } from './SystemCondition.js';
export { BackgroundWorkCost } from './BackgroundWorkCost.js';
export { subscribeToPush, type SubscribeToPushOptions } from './subscribeToPush.js';
export { configure, type ClientOptions } from './internal/connection.js';
export { BgkitError, isBgkitError, type BgkitErrorCode } from '@bgkit/protocol';
export type {
  ApplicationTriggerResult,
  BackgroundAccessStatus,
  BackgroundWorkCostValue,
  BackgroundTaskCancellationReason,
  DeviceSignals,
  DeviceOverrides,
  DeviceState,
  PendingRecord,
  SystemConditionType,
  PushTriggerDetails,
  SystemTriggerDetails,
  ControlChannelResetTriggerDetails,
  PushSubscriptionJSON,
  SystemTriggerType,
  ToastTriggerDetails,
  RunQuery,
  RunStatus,
  TriggerSource,
  RetryPolicy,
  RetryPolicyInit,
  RetryInfo,
  // The typed contract: augment BgkitTasks in '@bgkit/protocol' (README, "Typed tasks").
  BgkitTasks,
  TaskContract,
  TaskEntryPoint,
  TaskArguments,
  TaskResult,
} from '@bgkit/protocol';
