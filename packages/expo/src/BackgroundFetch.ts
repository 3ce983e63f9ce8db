// SPDX-License-Identifier: MIT
// expo-background-fetch's module, on bgkit. A web build aliases `expo-background-fetch` to
// `@bgkit/expo/background-fetch`. Each registered fetch task is a bgkit TimeTrigger task.
import { BgkitError } from '@bgkit/client';
import { serviceWorkersAvailable } from './internal/availability.js';
import { isDefined } from './internal/definitions.js';
import { DEFAULT_FETCH_INTERVAL_SECONDS, freshnessFromSeconds } from './internal/intervals.js';
import { readSetting, readTasks, writeSetting } from './internal/optionsStore.js';
import { expoRegistrations, notDefinedError, registerTimeTask, unregisterAll } from './internal/registrations.js';
import { validateBoolean, validateInterval, validateOptions, validateTaskName } from './internal/validate.js';

/** What a background fetch task returns; bgkit keeps it as the run's result. Values as in Expo. */
export enum BackgroundFetchResult {
  /** There was no new data to download. */
  NoData = 1,
  /** New data was successfully downloaded. */
  NewData = 2,
  /** An attempt to download data was made but that attempt failed. */
  Failed = 3,
}

/** Values as in Expo. On the web: `Available` where service workers exist, else `Restricted`; never `Denied`. */
export enum BackgroundFetchStatus {
  /** The user explicitly disabled background behavior for this app or for the whole system. */
  Denied = 1,
  /** Background updates are unavailable and the user cannot enable them again. */
  Restricted = 2,
  /** Background updates are available for the app. */
  Available = 3,
}

// The names of Expo's first releases (`BackgroundFetch.Result.NewData`, `BackgroundFetch.Status.Available`),
// which its documentation long showed and apps still use; expo-background-fetch 8 exported them as aliases.
export { BackgroundFetchResult as Result, BackgroundFetchStatus as Status };

export interface BackgroundFetchOptions {
  /**
   * Seconds between runs, at least: rounded up to whole minutes and to bgkit's 15-minute floor (the options
   * read back show the interval that applies). Defaults to the last `setMinimumIntervalAsync()`, else 15 minutes.
   */
  minimumInterval?: number;
  /** Accepted for Expo's shape; no meaning on the web: a service worker outlives its pages. */
  stopOnTerminate?: boolean;
  /** Accepted for Expo's shape; no meaning on the web: the browser wakes the worker after a restart. */
  startOnBoot?: boolean;
}

const MINIMUM_INTERVAL_KEY = 'backgroundFetch.minimumInterval';

/** `Available` where service workers exist (bgkit can run tasks), `Restricted` elsewhere. */
export async function getStatusAsync(): Promise<BackgroundFetchStatus | null> {
  return serviceWorkersAvailable() ? BackgroundFetchStatus.Available : BackgroundFetchStatus.Restricted;
}

/**
 * Sets the interval of every registered fetch task (re-registering them on bgkit) and the default of later
 * registrations. Rejects with `invalid-argument` unless `minimumInterval` is a positive number of seconds.
 */
export async function setMinimumIntervalAsync(minimumInterval: number): Promise<void> {
  if (minimumInterval === undefined) throw new BgkitError('invalid-argument', 'setMinimumIntervalAsync() needs a number of seconds.');
  validateInterval('minimumInterval', minimumInterval, 'seconds');
  await writeSetting(MINIMUM_INTERVAL_KEY, minimumInterval);
  const stored = await readTasks();
  for (const { taskName, taskType } of await expoRegistrations()) {
    if (taskType !== 'backgroundFetch') continue;
    const previous = stored.get(taskName)?.options ?? {};
    await register(taskName, { ...previous, minimumInterval });
  }
}

/**
 * Registers a fetch task on a bgkit TimeTrigger. Rejects with `invalid-name` (bad `taskName`),
 * `entry-point-not-defined` (no `defineTask()` for it in the page, or in the worker), `invalid-argument`
 * (bad options). Registering again replaces the task's interval and options.
 */
export async function registerTaskAsync(taskName: string, options: BackgroundFetchOptions = {}): Promise<void> {
  validateTaskName(taskName);
  validateOptions('registerTaskAsync()', options);
  if (!isDefined(taskName)) throw notDefinedError(taskName, 'page');
  validateInterval('minimumInterval', options.minimumInterval, 'seconds');
  validateBoolean('stopOnTerminate', options.stopOnTerminate);
  validateBoolean('startOnBoot', options.startOnBoot);
  const minimumInterval = options.minimumInterval ?? (await readSetting<number>(MINIMUM_INTERVAL_KEY)) ?? DEFAULT_FETCH_INTERVAL_SECONDS;
  await register(taskName, { ...options, minimumInterval });
}

/** Unregisters a fetch task; rejects with `not-registered` when no fetch task of this name is registered. */
export async function unregisterTaskAsync(taskName: string): Promise<void> {
  validateTaskName(taskName);
  const found = (await expoRegistrations()).find((r) => r.taskName === taskName && r.taskType === 'backgroundFetch');
  if (!found) throw new BgkitError('not-registered', `Task '${taskName}' not found.`, { taskName });
  await unregisterAll([found]);
}

async function register(taskName: string, options: BackgroundFetchOptions & { minimumInterval: number }): Promise<void> {
  const minutes = freshnessFromSeconds(options.minimumInterval);
  const kept: Record<string, unknown> = { minimumInterval: minutes * 60 };
  if (options.stopOnTerminate !== undefined) kept.stopOnTerminate = options.stopOnTerminate;
  if (options.startOnBoot !== undefined) kept.startOnBoot = options.startOnBoot;
  await registerTimeTask('backgroundFetch', taskName, minutes, kept);
}
