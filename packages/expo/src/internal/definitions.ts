// SPDX-License-Identifier: MIT
// The executors given to TaskManager.defineTask(), by task name. The same module serves the page and the
// worker: in the page it only records (Expo's isTaskDefined() and registerTaskAsync()'s "not defined" check read
// it); in a worker that imported '@bgkit/expo/sw', the installed hook turns each definition, recorded before or
// after the import, into a bgkit task. Keeping the hook here keeps the worker runtime out of the page bundle.
import type { TaskManagerTaskBody } from '../types.js';

/** What this kit accepts as an executor: Expo's type asks for a Promise, but a plain return value works too. */
export type AnyExecutor = (body: TaskManagerTaskBody<any>) => unknown;

const executors = new Map<string, AnyExecutor>();
let onDefine: ((taskName: string) => void) | null = null;

/** Records (or replaces, as Expo does) the executor of a task. */
export function recordDefinition(taskName: string, executor: AnyExecutor): void {
  const isNew = !executors.has(taskName);
  executors.set(taskName, executor);
  if (isNew && onDefine) onDefine(taskName);
}

export function isDefined(taskName: string): boolean {
  return executors.has(taskName);
}

/** The current executor: a redefinition in the worker takes effect at the next run. */
export function executorOf(taskName: string): AnyExecutor | undefined {
  return executors.get(taskName);
}

/** @internal Called once by '@bgkit/expo/sw': `hook` sees every task defined so far, then each new one. */
export function installDefinitionHook(hook: (taskName: string) => void): void {
  if (onDefine) return;
  onDefine = hook;
  for (const taskName of executors.keys()) hook(taskName);
}
