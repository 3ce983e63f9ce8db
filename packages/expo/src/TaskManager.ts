// SPDX-License-Identifier: MIT
// expo-task-manager's module, on bgkit. A web build aliases `expo-task-manager` to `@bgkit/expo/task-manager`.
import { BgkitError, type TimeTrigger } from '@bgkit/client';
import { isDefined, recordDefinition, type AnyExecutor } from './internal/definitions.js';
import { serviceWorkersAvailable } from './internal/availability.js';
import { expoRegistrations, findRegistration, unregisterAll, type ExpoRegistration } from './internal/registrations.js';
import { readTask, readTasks, type StoredTask } from './internal/optionsStore.js';
import { validateTaskName } from './internal/validate.js';
import type { TaskManagerTask, TaskManagerTaskBody } from './types.js';

export type {
  RegisteredTask,
  TaskManagerError,
  TaskManagerTask,
  TaskManagerTaskBody,
  TaskManagerTaskBodyExecutionInfo,
  TaskManagerTaskExecutor,
} from './types.js';

/**
 * Defines the executor of a task. Call it at the top level of a module that both the app and the service
 * worker import. In the page it records the name (for `isTaskDefined()` and `registerTaskAsync()`); in a
 * worker that imported `@bgkit/expo/sw` it defines the bgkit task that runs the executor. Defining a name
 * again replaces its executor, as in Expo.
 *
 * Unlike Expo, which only warns, a bad call throws a BgkitError: `invalid-name` for a `taskName` that is not a
 * non-empty string, `invalid-argument` when `taskExecutor` is not a function.
 */
export function defineTask<T = unknown>(taskName: string, taskExecutor: (body: TaskManagerTaskBody<T>) => unknown): void {
  validateTaskName(taskName);
  if (typeof taskExecutor !== 'function') {
    throw new BgkitError('invalid-argument', "TaskManager.defineTask: 'task' argument must be a function.", { taskName });
  }
  recordDefinition(taskName, taskExecutor as AnyExecutor);
}

/** Whether `defineTask()` was called for this name in this context (page or worker), as in Expo. */
export function isTaskDefined(taskName: string): boolean {
  return isDefined(taskName);
}

/** Whether a task of this name is registered (by expo-background-task or expo-background-fetch). */
export async function isTaskRegisteredAsync(taskName: string): Promise<boolean> {
  validateTaskName(taskName);
  return (await findRegistration(taskName)) !== undefined;
}

/** The options the task was registered with, or `null` when no task of this name is registered. */
export async function getTaskOptionsAsync<TaskOptions>(taskName: string): Promise<TaskOptions> {
  validateTaskName(taskName);
  const found = await findRegistration(taskName);
  if (!found) return null as TaskOptions;
  return optionsOf(found, await readTask(taskName)) as TaskOptions;
}

/** Every Expo task registered, with its type and options: `{ taskName, taskType, options }[]`. */
export async function getRegisteredTasksAsync(): Promise<TaskManagerTask[]> {
  const [found, stored] = await Promise.all([expoRegistrations(), readTasks()]);
  return found.map((r) => ({ taskName: r.taskName, taskType: r.taskType, options: optionsOf(r, stored.get(r.taskName)) }));
}

/** Unregisters the task; rejects with `not-registered` when no task of this name is registered (Expo's "not found"). */
export async function unregisterTaskAsync(taskName: string): Promise<void> {
  validateTaskName(taskName);
  // Normally one; two only if a page closed while one package's registration replaced the other's.
  const found = (await expoRegistrations()).filter((r) => r.taskName === taskName);
  if (found.length === 0) throw new BgkitError('not-registered', `Task '${taskName}' not found.`, { taskName });
  await unregisterAll(found);
}

/** Unregisters every Expo task (the app's own bgkit tasks stay). */
export async function unregisterAllTasksAsync(): Promise<void> {
  await unregisterAll(await expoRegistrations());
}

/** `true` where service workers exist, so that bgkit can run tasks (Expo answers `false` on the web). */
export async function isAvailableAsync(): Promise<boolean> {
  return serviceWorkersAvailable();
}

// The stored options when they belong to this registration; otherwise what its trigger says (a page that
// closed between registering and storing, or storage cleared apart from bgkit's).
function optionsOf({ taskType, registration }: ExpoRegistration, stored: StoredTask | undefined): Record<string, unknown> {
  if (stored && stored.taskType === taskType) return stored.options;
  const minutes = (registration.trigger as TimeTrigger).freshnessTime;
  return { minimumInterval: taskType === 'backgroundFetch' ? minutes * 60 : minutes };
}
