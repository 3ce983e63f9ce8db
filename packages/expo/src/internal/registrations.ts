// SPDX-License-Identifier: MIT
// The page side of Expo registrations: each is a bgkit registration named after its type and task (see
// names.ts), on a TimeTrigger, with the task's entry point.
import { BackgroundTaskBuilder, BackgroundTaskRegistration, BgkitError, isBgkitError, TimeTrigger } from '@bgkit/client';
import { entryPointFor, parseRegistrationName, registrationNameFor, type ExpoTaskType } from './names.js';
import { deleteTasks, writeTask } from './optionsStore.js';

export interface ExpoRegistration {
  taskName: string;
  taskType: ExpoTaskType;
  registration: BackgroundTaskRegistration;
}

/** Every Expo task registered with bgkit, in bgkit's order. */
export async function expoRegistrations(): Promise<ExpoRegistration[]> {
  const found: ExpoRegistration[] = [];
  for (const registration of (await BackgroundTaskRegistration.allTasks()).values()) {
    const parsed = parseRegistrationName(registration.name);
    if (parsed) found.push({ ...parsed, registration });
  }
  return found;
}

export async function findRegistration(taskName: string): Promise<ExpoRegistration | undefined> {
  return (await expoRegistrations()).find((r) => r.taskName === taskName);
}

/** The message Expo gives when registerTaskAsync() is called for a task defineTask() never saw. */
export function notDefinedError(taskName: string, where: 'page' | 'worker', cause?: unknown): BgkitError {
  const hint =
    where === 'page'
      ? 'You must define a task using TaskManager.defineTask before registering.'
      : "It is defined in this page but not in the service worker: import '@bgkit/expo/sw' and the module that calls TaskManager.defineTask in the worker.";
  return new BgkitError('entry-point-not-defined', `Task '${taskName}' is not defined. ${hint}`, { taskName }, cause === undefined ? undefined : { cause });
}

/**
 * Registers (or replaces) the bgkit task behind an Expo task: a TimeTrigger every `minutes`. An Expo task name
 * has one registration, so one of the other type is removed once this one stands; then its options are kept.
 */
export async function registerTimeTask(
  taskType: ExpoTaskType,
  taskName: string,
  minutes: number,
  options: Record<string, unknown>,
): Promise<BackgroundTaskRegistration> {
  const builder = new BackgroundTaskBuilder();
  builder.name = registrationNameFor(taskType, taskName);
  builder.taskEntryPoint = entryPointFor(taskName);
  builder.setTrigger(new TimeTrigger(minutes, false));
  let registration: BackgroundTaskRegistration;
  try {
    registration = await builder.register();
  } catch (error) {
    if (isBgkitError(error, 'entry-point-not-defined')) throw notDefinedError(taskName, 'worker', error);
    throw error;
  }
  for (const other of await expoRegistrations()) {
    if (other.taskName === taskName && other.taskType !== taskType) await other.registration.unregister(false);
  }
  await writeTask({ taskName, taskType, options });
  return registration;
}

/** Removes the Expo tasks given (their runs keep running to the end, as in Expo) and their options. */
export async function unregisterAll(found: readonly ExpoRegistration[]): Promise<void> {
  for (const { registration } of found) await registration.unregister(false);
  await deleteTasks(found.map((r) => r.taskName));
}
