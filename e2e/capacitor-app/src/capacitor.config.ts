// The app's Capacitor configuration, as `capacitor.config.ts` would hold it. The page and the worker both
// import it: the web has no native reader of this file.
// The worker imports this file too: the type comes from the worker entry, which carries no page code.
import type { BackgroundRunnerConfig } from '@bgkit/capacitor/sw';

export const runnerConfig: BackgroundRunnerConfig = {
  label: 'com.example.background.task',
  src: 'runners/background.js',
  event: 'myCustomEvent',
  repeat: true,
  // Below Android's floor of 15 minutes: the web raises it to 15, as Android does.
  interval: 2,
  autoStart: true,
};

/**
 * The same runner file under a second label, bundled as a function by @bgkit/capacitor/vite: it runs where
 * the worker's Content-Security-Policy forbids eval.
 */
export const noEvalConfig: BackgroundRunnerConfig = {
  label: 'com.example.no-eval',
  src: 'runners/background.js',
  event: 'myCustomEvent',
  // Once, 30 minutes after the app loads (no earlier): a one-shot TimeTrigger.
  repeat: false,
  interval: 30,
  autoStart: true,
};

/**
 * A third runner, whose file listens to no remoteNotification: configured (push task included, by default)
 * only by the page opened with `?dispatch-only`, so that the other tests see two runners.
 */
export const dispatchOnlyConfig: BackgroundRunnerConfig = {
  label: 'com.example.dispatch-only',
  src: 'runners/dispatch-only.js',
  event: 'ping',
  repeat: true,
  interval: 15,
  autoStart: false,
};

/** The runners' time limit in this test app; an app leaves the default of 30 s (iOS's budget). */
export const TIME_LIMIT = 6_000;

const config = {
  appId: 'com.example.bgkit',
  appName: 'bgkit Capacitor lab',
  webDir: 'dist',
  plugins: { BackgroundRunner: runnerConfig },
};
export default config;
