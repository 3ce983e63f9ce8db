// SPDX-License-Identifier: MIT
// The Windows vocabulary as the web has it: the unions of Windows.ApplicationModel.Background, camelCased, and
// the constant list of each, which the validators and the panel walk. Imports nothing.

export type BackgroundAccessStatus =
  | 'unspecified'
  | 'alwaysAllowed'
  | 'allowedSubjectToSystemPolicy'
  | 'deniedBySystemPolicy'
  | 'deniedByUser';

export const ACCESS_STATUSES: readonly BackgroundAccessStatus[] = ['unspecified', 'alwaysAllowed', 'allowedSubjectToSystemPolicy', 'deniedBySystemPolicy', 'deniedByUser'];

export type ApplicationTriggerResult = 'allowed' | 'currentlyRunning' | 'disabledByPolicy' | 'unknownError';

/** Windows' BackgroundTaskCancellationReason, camelCased. */
export type BackgroundTaskCancellationReason =
  | 'abort'
  | 'terminating'
  | 'loggingOff'
  | 'servicingUpdate'
  | 'idleTask'
  | 'uninstall'
  | 'conditionLoss'
  | 'systemPolicy'
  | 'quietHoursEntered'
  | 'executionTimeExceeded'
  | 'resourceRevocation'
  | 'energySaver';

export const CANCELLATION_REASONS: readonly BackgroundTaskCancellationReason[] = [
  'abort', 'terminating', 'loggingOff', 'servicingUpdate', 'idleTask', 'uninstall', 'conditionLoss', 'systemPolicy',
  'quietHoursEntered', 'executionTimeExceeded', 'resourceRevocation', 'energySaver',
];

/** Windows' SystemTriggerType, camelCased. Which of them the web can serve: see WEB_SYSTEM_TRIGGERS. */
export type SystemTriggerType =
  | 'smsReceived'
  | 'userPresent'
  | 'userAway'
  | 'networkStateChange'
  | 'controlChannelReset'
  | 'internetAvailable'
  | 'sessionConnected'
  | 'servicingComplete'
  | 'lockScreenApplicationAdded'
  | 'lockScreenApplicationRemoved'
  | 'timeZoneChange'
  | 'onlineIdConnectedStateChange'
  | 'backgroundWorkCostChange'
  | 'powerStateChange'
  | 'defaultSignInAccountChange';

export const SYSTEM_TRIGGER_TYPES: readonly SystemTriggerType[] = [
  'smsReceived', 'userPresent', 'userAway', 'networkStateChange', 'controlChannelReset', 'internetAvailable',
  'sessionConnected', 'servicingComplete', 'lockScreenApplicationAdded', 'lockScreenApplicationRemoved',
  'timeZoneChange', 'onlineIdConnectedStateChange', 'backgroundWorkCostChange', 'powerStateChange',
  'defaultSignInAccountChange',
];

/** The system triggers this version can fire; registering any other fails with `unsupported-trigger`. */
export const WEB_SYSTEM_TRIGGERS: readonly SystemTriggerType[] = [
  'internetAvailable', 'networkStateChange', 'userPresent', 'userAway', 'timeZoneChange', 'servicingComplete',
  'powerStateChange', 'backgroundWorkCostChange', 'sessionConnected', 'controlChannelReset',
];

/** Windows' BackgroundWorkCostValue: how much background work the device can take now. */
export type BackgroundWorkCostValue = 'low' | 'medium' | 'high';

/** Every work cost a devtools simulation may force, cheapest first. */
export const WORK_COSTS: readonly BackgroundWorkCostValue[] = ['low', 'medium', 'high'];

/** Windows' SystemConditionType, camelCased. */
export type SystemConditionType =
  | 'userPresent'
  | 'userNotPresent'
  | 'internetAvailable'
  | 'internetNotAvailable'
  | 'sessionConnected'
  | 'sessionDisconnected'
  | 'freeNetworkAvailable'
  | 'backgroundWorkCostNotHigh';

export const SYSTEM_CONDITION_TYPES: readonly SystemConditionType[] = [
  'userPresent', 'userNotPresent', 'internetAvailable', 'internetNotAvailable', 'sessionConnected',
  'sessionDisconnected', 'freeNetworkAvailable', 'backgroundWorkCostNotHigh',
];

/** Which `backgroundfetch*` event started a run. */
export type BackgroundFetchEventKind = 'success' | 'fail' | 'abort' | 'click';
/** Every BackgroundFetchEventKind: the `backgroundfetch<kind>` events a worker listens for. */
export const BACKGROUND_FETCH_EVENTS: readonly BackgroundFetchEventKind[] = ['success', 'fail', 'abort', 'click'];

