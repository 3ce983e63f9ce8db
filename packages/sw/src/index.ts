// SPDX-License-Identifier: MIT
export { defineTask } from './defineTask.js';
export { configure } from './configure.js';
export { registerTask, type WorkerTaskSettings } from './registerTask.js';
export { enableDevtools } from './enableDevtools.js';
export { BackgroundWorkCost } from './BackgroundWorkCost.js';
/** What the worker believes of the device (pages' relayed battery, network, presence), for code running in a task. */
export { readDeviceState as deviceState } from './internal/device.js';
export { enableRequestQueue, type RequestQueueOptions } from './enableRequestQueue.js';
export { enableBackgroundFetch, backgroundFetchEvent } from './enableBackgroundFetch.js';
export {
  BackgroundTaskInstance,
  BackgroundTaskCanceledEvent,
  RetryRequest,
  type BackgroundTaskDeferral,
  type BackgroundTaskInfo,
  type BackgroundTaskInstanceEventMap,
} from './BackgroundTaskInstance.js';
export { BgkitError, isBgkitError, type BgkitErrorCode } from './BgkitError.js';
export { closeTaskNotification, showTaskNotification, type TaskNotificationAction, type TaskNotificationOptions } from './showTaskNotification.js';
export type { TaskHandler, TaskOptions, RuntimeOptions } from './internal/runtime.js';
export type {
  ApplicationTriggerResult,
  BackgroundWorkCostValue,
  DeviceSignals,
  DeviceOverrides,
  DeviceState,
  PushTriggerDetails,
  BackgroundFetchTriggerDetails,
  BackgroundFetchEventKind,
  SystemTriggerDetails,
  ControlChannelResetTriggerDetails,
  PushSubscriptionJSON,
  ToastTriggerDetails,
  SystemTriggerType,
  BackgroundTaskCancellationReason,
  RegistrationRecord,
  SystemConditionType,
  TriggerSpec,
  RunRecord,
  RunStatus,
  TriggerSource,
  RetryPolicy,
  RetryPolicyInit,
  RetryInfo,
  // The typed contract: augment BgkitTasks in '@bgkit/protocol' (README, "Typed tasks").
  ApplicationTriggerDetails,
  BgkitTasks,
  TaskContract,
  TaskEntryPoint,
  TaskArguments,
  TaskResult,
  TaskDetails,
} from './protocol.js';
