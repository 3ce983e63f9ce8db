// SPDX-License-Identifier: MIT
// The shapes of expo-task-manager's public types, word for word, so that code written against Expo's types
// compiles against these (type-tests/contract.ts checks both ways against the real package).

/** Error object that can be received through `TaskManagerTaskBody` when the task fails. */
export interface TaskManagerError {
  code: string | number;
  message: string;
}

/** Represents the object that is passed to the task executor. */
export interface TaskManagerTaskBody<T = unknown> {
  /** An object of data passed to the task executor: `{}` for background tasks and background fetch, as Expo passes. */
  data: T;
  /** Error object if the task failed or `null` otherwise: always `null` on the web (no platform error precedes a run). */
  error: TaskManagerError | null;
  /** Additional details containing unique ID of task event and name of the task. */
  executionInfo: TaskManagerTaskBodyExecutionInfo;
}

/** Additional details about execution provided in `TaskManagerTaskBody`. */
export interface TaskManagerTaskBodyExecutionInfo {
  /**
   * State of the application: `'active'` when one of the app's windows is visible and focused, `'background'`
   * otherwise (read from the worker's window clients when the run starts).
   */
  appState?: 'active' | 'background' | 'inactive';
  /** Unique ID of task event: the bgkit run's `instanceId`. */
  eventId: string;
  /** Name of the task. */
  taskName: string;
}

/** Represents an already registered task. */
export interface TaskManagerTask {
  /** Name that the task is registered with. */
  taskName: string;
  /** `'backgroundTask'` (expo-background-task) or `'backgroundFetch'` (expo-background-fetch). */
  taskType: string;
  /** Provides `options` that the task was registered with. */
  options: any;
}

/** @deprecated Use `TaskManagerTask` instead. */
export interface RegisteredTask extends TaskManagerTask {}

/** Type of task executor – a function that handles the task. */
export type TaskManagerTaskExecutor<T = any> = (body: TaskManagerTaskBody<T>) => Promise<any>;
