// SPDX-License-Identifier: MIT
import {
  ApplicationTrigger,
  BgkitError,
  BackgroundTaskBuilder,
  isBgkitError,
  PushNotificationTrigger,
  TimeTrigger,
  type BackgroundTaskRegistration,
} from '@bgkit/client';
import { MAX_TIMER_MS } from '@bgkit/sw/protocol';
import { autoStartEntryPoint, dispatchEntryPoint, pushEntryPoint, taskNames } from './shared/names.js';
import type { BackgroundRunnerConfig } from './types.js';

export interface ConfigureOptions {
  /**
   * The runner's time limit, as given to `defineRunner()` in the worker (default 30 s). `dispatchEvent()`
   * waits this long plus a margin before it looks the run up in the history and gives up. At most
   * MAX_TIME_LIMIT_MS (`invalid-argument` otherwise).
   */
  timeLimit?: number;
  /**
   * Register a push task, so that every push message runs the runner's `remoteNotification` listener. Default
   * true. A runner without that listener completes such runs having run nothing (`{ handled: false }`), as
   * Capacitor ignores an event its runner does not listen to; `false` registers no push task at all.
   */
  remoteNotification?: boolean;
}

/** A configured runner: its dispatch task and trigger, and how long an event may take. */
export interface ConfiguredRunner {
  config: BackgroundRunnerConfig;
  trigger: ApplicationTrigger;
  registration: BackgroundTaskRegistration;
  timeLimit: number;
  autoStart: BackgroundTaskRegistration | null;
  push: BackgroundTaskRegistration | null;
}

const runners = new Map<string, Promise<ConfiguredRunner>>();

/** Beyond the time limit: how long a run may take to be recorded and announced before dispatchEvent() reads the history as the last word. */
export const DISPATCH_MARGIN_MS = 10_000;
/**
 * The longest `timeLimit`: dispatchEvent() waits for a run with one timer of `timeLimit` plus the margin, and
 * a timer holds at most MAX_TIMER_MS (2^31 - 1 ms, validateDuration's rule; a longer delay
 * fires at once, so every dispatch would give up with sw-timeout as soon as it started).
 */
export const MAX_TIME_LIMIT_MS = MAX_TIMER_MS - DISPATCH_MARGIN_MS;

/** Capacitor's Android floor for repeating work, and bgkit's for TimeTrigger. */
export const MIN_INTERVAL = 15;

/**
 * The web has no native reader of `capacitor.config`: give it the `plugins.BackgroundRunner` object (or
 * several). Registers, for each runner, the bgkit tasks its events run on: the dispatch task (an
 * ApplicationTrigger, named by the label), with `autoStart` the configured `event` on a TimeTrigger of
 * `interval` minutes (at least 15, as Android; `repeat: false` runs it once), and `remoteNotification` on a
 * PushNotificationTrigger. Registering again with the same settings keeps the existing tasks: call it on every load.
 */
export async function configureBackgroundRunner(config: BackgroundRunnerConfig | BackgroundRunnerConfig[], options: ConfigureOptions = {}): Promise<void> {
  const configs = Array.isArray(config) ? config : [config];
  const timeLimit = options.timeLimit ?? 30_000;
  if (typeof timeLimit !== 'number' || !(timeLimit > 0 && timeLimit <= MAX_TIME_LIMIT_MS)) {
    throw new BgkitError('invalid-argument', `configureBackgroundRunner(): timeLimit must be a number of milliseconds from 1 to ${MAX_TIME_LIMIT_MS} (got ${String(timeLimit)}).`, { timeLimit, maximum: MAX_TIME_LIMIT_MS });
  }
  for (const c of configs) validateConfig(c);
  await Promise.all(
    configs.map((c) => {
      const configured = register(c, timeLimit, options.remoteNotification !== false);
      runners.set(c.label, configured);
      configured.catch(() => runners.delete(c.label));
      return configured;
    }),
  );
}

/** The configured runner of `label`; `invalid-argument` for a label never configured. */
export function runnerOf(label: string): Promise<ConfiguredRunner> {
  const runner = runners.get(label);
  if (!runner) {
    const known = [...runners.keys()];
    throw new BgkitError('invalid-argument', `No runner has the label "${label}" (configured: ${known.map((l) => `"${l}"`).join(', ') || 'none; call configureBackgroundRunner() first'}).`, { label, known });
  }
  return runner;
}

function validateConfig(c: BackgroundRunnerConfig): void {
  if (typeof c !== 'object' || c === null) throw new BgkitError('invalid-argument', 'configureBackgroundRunner() takes the BackgroundRunner object of capacitor.config.');
  if (typeof c.label !== 'string' || c.label === '') throw new BgkitError('invalid-argument', 'A runner configuration needs a label.', { label: c.label });
  if (c.autoStart) {
    if (typeof c.event !== 'string' || c.event === '') throw new BgkitError('invalid-argument', `The runner "${c.label}" has autoStart but no event to run.`, { label: c.label });
    if (!Number.isFinite(c.interval) || c.interval <= 0) throw new BgkitError('invalid-argument', `The runner "${c.label}" has autoStart but no positive interval (minutes).`, { label: c.label, interval: c.interval });
  }
}

async function register(c: BackgroundRunnerConfig, timeLimit: number, withPush: boolean): Promise<ConfiguredRunner> {
  const trigger = new ApplicationTrigger();
  const registration = await build(taskNames.dispatch(c.label), dispatchEntryPoint(c.label), trigger);
  const autoStart = c.autoStart
    ? await build(taskNames.autoStart(c.label, c.event), autoStartEntryPoint(c.label), new TimeTrigger(Math.max(MIN_INTERVAL, Math.ceil(c.interval)), c.repeat === false))
    : null;
  // Without a Push API (WebKitGTK: e2e/engines/access-push.test.ts, "a PushNotificationTrigger task is refused
  // with unsupported-trigger: the engine has no Push API, so it could never fire"), register() refuses a push
  // task (it could never fire): the runner goes without remoteNotification there, as a device without push would.
  const push = withPush
    ? await build(taskNames.push(c.label), pushEntryPoint(c.label), new PushNotificationTrigger()).catch((error: unknown) => {
        if (isBgkitError(error, 'unsupported-trigger')) return null;
        throw error;
      })
    : null;
  return { config: c, trigger, registration, timeLimit, autoStart, push };
}

function build(name: string, entryPoint: string, trigger: ApplicationTrigger | TimeTrigger | PushNotificationTrigger): Promise<BackgroundTaskRegistration> {
  const builder = new BackgroundTaskBuilder();
  builder.name = name;
  builder.taskEntryPoint = entryPoint;
  builder.setTrigger(trigger);
  return builder.register();
}
