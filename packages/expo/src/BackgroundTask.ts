// SPDX-License-Identifier: MIT
// expo-background-task's module, on bgkit. A web build aliases `expo-background-task` to
// `@bgkit/expo/background-task`. Each registered background task is a bgkit TimeTrigger task.
import { ApplicationTrigger, BackgroundTaskBuilder, BgkitError, type ApplicationTriggerResult, type BackgroundTaskRegistration } from '@bgkit/client';
import { serviceWorkersAvailable } from './internal/availability.js';
import { isDefined } from './internal/definitions.js';
import { DEFAULT_TASK_INTERVAL_MINUTES, freshnessFromMinutes } from './internal/intervals.js';
import { entryPointFor, testingNameFor } from './internal/names.js';
import { expoRegistrations, notDefinedError, registerTimeTask, unregisterAll } from './internal/registrations.js';
import { validateInterval, validateOptions, validateTaskName } from './internal/validate.js';

/** Availability status for background tasks. Values as in Expo. */
export enum BackgroundTaskStatus {
  /** Background tasks are unavailable: on the web, no service workers here. */
  Restricted = 1,
  /** Background tasks are available for the app. */
  Available = 2,
}

/** Return value for background tasks. Values as in Expo; bgkit keeps it as the run's result. */
export enum BackgroundTaskResult {
  /** The task finished successfully. */
  Success = 1,
  /** The task failed. */
  Failed = 2,
}

/** Options for registering a background task. */
export type BackgroundTaskOptions = {
  /** Minutes between runs, at least: defaults to 12 hours, raised to 15 and rounded up to whole minutes. */
  minimumInterval?: number;
};

/** How long `triggerTaskWorkerForTestingAsync()` waits for its runs: two of bgkit's default 30 s time limits. */
const TESTING_TIMEOUT_MS = 60_000;

let warnedRestricted = false;

/** `Available` where service workers exist (bgkit can run tasks), `Restricted` elsewhere. */
export const getStatusAsync = async (): Promise<BackgroundTaskStatus> =>
  serviceWorkersAvailable() ? BackgroundTaskStatus.Available : BackgroundTaskStatus.Restricted;

/**
 * Registers a background task on a bgkit TimeTrigger. As in Expo, a task of that name already registered, by
 * this package or by expo-background-fetch, is left as it is (unregister it first to change its interval or its
 * package), and where background tasks are `Restricted` it warns and does nothing. Rejects with `invalid-name`,
 * `entry-point-not-defined` (no `defineTask()` for it in the page, or in the worker) or `invalid-argument`.
 */
export async function registerTaskAsync(taskName: string, options: BackgroundTaskOptions = {}): Promise<void> {
  validateTaskName(taskName);
  validateOptions('registerTaskAsync()', options);
  validateInterval('minimumInterval', options.minimumInterval, 'minutes');
  if (!isDefined(taskName)) throw notDefinedError(taskName, 'page');
  if ((await getStatusAsync()) === BackgroundTaskStatus.Restricted) {
    if (!warnedRestricted) console.warn(`Background tasks are not available in the current environment. Skipped registering task: ${taskName}.`);
    warnedRestricted = true;
    return;
  }
  // Any registration of the name, a fetch task's too: Expo's own check is TaskManager.isTaskRegisteredAsync(),
  // which sees every kind, so the earlier registration wins here while BackgroundFetch's replaces.
  if ((await expoRegistrations()).some((r) => r.taskName === taskName)) return;
  const minutes = freshnessFromMinutes(options.minimumInterval ?? DEFAULT_TASK_INTERVAL_MINUTES);
  await registerTimeTask('backgroundTask', taskName, minutes, { minimumInterval: minutes });
}

/** Unregisters a background task; resolves without doing anything when it is not registered, as in Expo. */
export async function unregisterTaskAsync(taskName: string): Promise<void> {
  validateTaskName(taskName);
  const found = (await expoRegistrations()).filter((r) => r.taskName === taskName && r.taskType === 'backgroundTask');
  await unregisterAll(found);
}

/**
 * Runs every registered background task now, in the service worker, and resolves `true` once each run has
 * ended (whatever its result). Each run goes through an ApplicationTrigger companion registration of the same
 * entry point, removed afterwards, so it is recorded in the run history like any other.
 *
 * Resolves `false` when the kit refused to start one of them (the request answered `disabledByPolicy`: the
 * app's background access was denied), after the others have ended, and warns with the task and the answer. Expo's own contract is the same: its native module resolves `false`
 * when it could not trigger the worker, and apps test the boolean rather than catch. Rejects with
 * `wait-timeout` when the runs have not ended within 60 s (they go on in the worker).
 */
export async function triggerTaskWorkerForTestingAsync(): Promise<boolean> {
  const tasks = (await expoRegistrations()).filter((r) => r.taskType === 'backgroundTask');
  const deadline = Date.now() + TESTING_TIMEOUT_MS;
  const outcomes = await Promise.allSettled(tasks.map((t) => runNow(t.taskName, deadline)));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
  // Every outcome is fulfilled here: a rejection was thrown above.
  return outcomes.every((o) => (o as PromiseFulfilledResult<boolean>).value);
}

/**
 * Expo calls it when iOS stops background work early. The web has no such notice before a worker is killed
 * (bgkit records those runs as canceled with reason `terminating`), so, as on Android, it is never called.
 */
export function addExpirationListener(listener: () => void): { remove: () => void } {
  if (typeof listener !== 'function') throw new BgkitError('invalid-argument', 'addExpirationListener() takes a function.');
  return { remove() {} };
}

/**
 * Why a request started nothing, for the warning. Only `disabledByPolicy` can come here today (each run has a
 * fresh companion task, so none is running, and the worker never answers `unknownError`); the table covers
 * every answer other than 'allowed' so a new one cannot go unexplained.
 */
const NOT_RUN: Record<Exclude<ApplicationTriggerResult, 'allowed'>, string> = {
  disabledByPolicy: 'background access was denied',
  currentlyRunning: 'a run of it had not ended',
  unknownError: 'the service worker could not start it',
};

/** Runs the task through a companion registration; resolves whether it ran (and ended). */
async function runNow(taskName: string, deadline: number): Promise<boolean> {
  const trigger = new ApplicationTrigger();
  const builder = new BackgroundTaskBuilder();
  builder.name = testingNameFor(taskName);
  builder.taskEntryPoint = entryPointFor(taskName);
  builder.setTrigger(trigger);
  const registration = await builder.register();
  try {
    const answer = await requestAndWait(registration, trigger, taskName, deadline);
    if (answer === 'allowed') return true;
    console.warn(`triggerTaskWorkerForTestingAsync(): '${taskName}' did not run (${answer}: ${NOT_RUN[answer]}).`);
    return false;
  } finally {
    await registration.unregister(false);
  }
}

/** The request's answer, once its run has ended when it was 'allowed' (any other answer starts no run). */
function requestAndWait(
  registration: BackgroundTaskRegistration,
  trigger: ApplicationTrigger,
  taskName: string,
  deadline: number,
): Promise<ApplicationTriggerResult> {
  return new Promise<ApplicationTriggerResult>((resolve, reject) => {
    // Listening before the request: the run may end before request() resolves.
    const onCompleted = () => finish('allowed');
    const timer = setTimeout(
      () => finish(undefined, new BgkitError('wait-timeout', `The run of '${taskName}' did not end within ${TESTING_TIMEOUT_MS / 1000} s.`, { taskName })),
      Math.max(0, deadline - Date.now()),
    );
    function finish(answer: ApplicationTriggerResult | undefined, error?: unknown) {
      clearTimeout(timer);
      registration.removeEventListener('completed', onCompleted);
      if (answer !== undefined) resolve(answer);
      else reject(error);
    }
    registration.addEventListener('completed', onCompleted);
    trigger.request({}).then(
      (answer) => {
        // Only 'allowed' starts a run of this (new) registration; anything else will bring no 'completed'.
        if (answer !== 'allowed') finish(answer);
      },
      (error: unknown) => finish(undefined, error),
    );
  });
}
