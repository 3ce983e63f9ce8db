// SPDX-License-Identifier: MIT
// How an Expo task maps onto bgkit names. Every name starts with "expo:" so that the app's own bgkit tasks
// (any other entry point or registration name) can never clash with an Expo task of the same name.

/** The `taskType` Expo reports for each kind of registration (iOS's values; Android calls the task one `expo-background-task`). */
export type ExpoTaskType = 'backgroundTask' | 'backgroundFetch';

export const EXPO_TASK_TYPES: readonly ExpoTaskType[] = ['backgroundTask', 'backgroundFetch'];

/** The bgkit entry point that runs the executor given to `TaskManager.defineTask(taskName, …)`. */
export function entryPointFor(taskName: string): string {
  return `expo:${taskName}`;
}

/**
 * The bgkit registration name of an Expo task: its type is part of the name, so `getRegisteredTasksAsync()`
 * can tell it from the registration alone, without any other store.
 */
export function registrationNameFor(taskType: ExpoTaskType, taskName: string): string {
  return `expo:${taskType}:${taskName}`;
}

/** The ApplicationTrigger companion through which `triggerTaskWorkerForTestingAsync()` runs a task now. */
export function testingNameFor(taskName: string): string {
  return `expo:testing:${taskName}`;
}

/** The Expo task behind a bgkit registration name, or null for any other registration. */
export function parseRegistrationName(name: string): { taskType: ExpoTaskType; taskName: string } | null {
  for (const taskType of EXPO_TASK_TYPES) {
    const prefix = `expo:${taskType}:`;
    if (name.startsWith(prefix) && name.length > prefix.length) return { taskType, taskName: name.slice(prefix.length) };
  }
  return null;
}
