// SPDX-License-Identifier: MIT
/// <reference lib="webworker" />
import { BgkitError, defineTask, type ApplicationTriggerDetails, type PushTriggerDetails } from '@bgkit/sw';
import { autoStartEntryPoint, dispatchEntryPoint, NOTIFICATION_CHANNEL, pushEntryPoint, scheduledEntryPoint, type DispatchArguments, type NotificationActionMessage } from '../shared/names.js';
import type { AppInfo } from '../types.js';
import { showDueNotifications, type RunnerNotificationData } from './notifications.js';
import { RUNNER_GLOBALS, runEvent, type RunnerBody, type RunnerGlobals } from './runEvent.js';

declare const self: ServiceWorkerGlobalScope;

export interface RunnerDefinition {
  /** The runner's label, as in `capacitor.config` (`plugins.BackgroundRunner.label`). */
  label: string;
  /**
   * The runner file. Its source text (e.g. `import runner from './runners/background.js?raw'`), evaluated
   * with `new Function` once per worker lifetime and run once per event; the worker's Content-Security-Policy
   * must then allow `'unsafe-eval'`. Or a function whose body is the file, taking the globals object
   * (`(globals) => { const { addEventListener, CapacitorKV } = globals; … }`), which needs no eval.
   */
  runner: string | RunnerBody;
  /** The event run on the `autoStart` schedule (`plugins.BackgroundRunner.event`). */
  event?: string;
  /** How long one event may run before it is canceled with `executionTimeExceeded`. Default 30 s, as iOS gives. */
  timeLimit?: number;
  /** Where `CapacitorApp.getInfo()` reads the app's name and id. Default `manifest.webmanifest` at the worker's scope. */
  manifest?: string;
  /** Fields of `CapacitorApp.getInfo()` to use instead of the manifest's (the web has no build or version number). */
  appInfo?: Partial<AppInfo>;
  /** Any other field of `capacitor.config`'s BackgroundRunner object (`src`, `repeat`, `interval`, `autoStart`) is accepted and unused here. */
  [other: string]: unknown;
}

const DEFAULT_TIME_LIMIT = 30_000;
let notificationListener = false;

/**
 * Runs a Capacitor runner file in this service worker. Call it at the top level of the worker, with the same
 * BackgroundRunner object as `capacitor.config` plus the runner's code:
 *
 * @example
 * import runner from './runners/background.js?raw';
 * import config from '../capacitor.config';
 * defineRunner({ ...config.plugins.BackgroundRunner, runner });
 */
export function defineRunner(definition: RunnerDefinition): void {
  if (typeof definition !== 'object' || definition === null) throw new BgkitError('invalid-argument', 'defineRunner() takes { label, runner, event?, timeLimit? }.');
  const { label, runner, event, timeLimit = DEFAULT_TIME_LIMIT, manifest, appInfo = {} } = definition;
  if (typeof label !== 'string' || label === '') throw new BgkitError('invalid-argument', 'defineRunner() needs the runner\'s label, a non-empty string.', { label });
  if (typeof runner !== 'string' && typeof runner !== 'function') {
    throw new BgkitError('invalid-argument', `defineRunner("${label}") needs the runner file: its source text (a "?raw" import) or a function.`, { label });
  }
  if (event !== undefined && (typeof event !== 'string' || event === '')) throw new BgkitError('invalid-argument', `defineRunner("${label}"): event must be a non-empty string.`, { label, event });

  let compiled: RunnerBody | undefined;
  // Compiled at the first event, not here: a syntax error (or a CSP that forbids eval) then fails that
  // event's run with its message, instead of the whole worker script and every other task with it.
  const body: RunnerBody = (globals) => {
    compiled ??= typeof runner === 'function' ? runner : compile(label, runner);
    compiled(globals);
  };
  const settings = { label, body, manifest, appInfo };
  const options = { timeLimit };

  defineTask<ApplicationTriggerDetails<DispatchArguments>>(dispatchEntryPoint(label), (task) => {
    const args = task.triggerDetails?.arguments;
    if (typeof args?.event !== 'string' || args.event === '') {
      throw new BgkitError('invalid-arguments', `A dispatch to the runner "${label}" needs { event, details }.`, { label });
    }
    // A copy: a listener may change its args (Capacitor's own example does), and the run keeps what was dispatched.
    return runEvent(settings, args.event, structuredClone(args.details ?? {}), task);
  }, options);

  defineTask(autoStartEntryPoint(label), (task) => {
    if (!event) throw new BgkitError('invalid-argument', `The runner "${label}" is scheduled (autoStart) but defineRunner() was given no event to run.`, { label });
    return runEvent(settings, event, {}, task);
  }, options);

  // remoteNotification's args: the push payload, parsed as JSON when it is JSON (Capacitor passes the push's userInfo).
  // Every push reaches every runner configured for pushes, but Capacitor runs an event only where the runner has
  // a listener for it: a runner that never listens to remoteNotification completes the run having done nothing,
  // rather than failing on every push it never asked for.
  defineTask<PushTriggerDetails>(pushEntryPoint(label), (task) => {
    const { text, json } = task.triggerDetails ?? { text: null };
    return runEvent(settings, 'remoteNotification', json !== undefined ? json : text === null ? {} : { data: text }, task, { ifListened: true });
  }, options);

  // Notifications the runner scheduled for later: each is a one-shot time task of this entry point.
  defineTask(scheduledEntryPoint(label), async () => ({ shown: await showDueNotifications(label) }), options);

  if (!notificationListener) {
    notificationListener = true;
    self.addEventListener('notificationclick', onNotificationClick);
  }
}

/** A runner file's source as a function of its globals, in sloppy mode as Capacitor runs it. */
function compile(label: string, source: string): RunnerBody {
  let fn: (...globals: unknown[]) => void;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the runner file is the app's own code, bundled with the worker.
    fn = new Function(...RUNNER_GLOBALS, `${source}\n//# sourceURL=capacitor-runner:${encodeURIComponent(label)}.js`) as typeof fn;
  } catch (cause) {
    if (cause instanceof SyntaxError) throw cause;
    throw new BgkitError('unsupported-api', `The runner "${label}" could not be evaluated: this worker's Content-Security-Policy forbids eval. Allow 'unsafe-eval' for the worker, or pass the runner as a function.`, { api: 'eval', label }, { cause });
  }
  return (globals: RunnerGlobals) => fn.apply(undefined, RUNNER_GLOBALS.map((name) => globals[name]));
}

/**
 * Capacitor's `backgroundRunnerNotificationReceived`: a click on a notification a runner showed reaches every
 * open page's listener (the worker has no other way to call page code). It carries the notification's own
 * `actionTypeId`, never a button: Capacitor reports the same (iOS sends the notification's category whatever
 * was tapped, Android only has the body's tap), and the Background Runner has no way to declare action types,
 * so a runner's notifications have no buttons on the web and `event.action` is not read.
 */
function onNotificationClick(event: NotificationEvent): void {
  const data = event.notification.data as RunnerNotificationData | null | undefined;
  if (!data?.capacitor) return;
  const message: NotificationActionMessage = { actionTypeId: data.capacitor.actionTypeId ?? '', notificationId: data.capacitor.id };
  const channel = new BroadcastChannel(NOTIFICATION_CHANNEL);
  channel.postMessage(message);
  channel.close();
}
