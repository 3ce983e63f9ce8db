// A Capacitor app's own imports, unchanged: `@capacitor/background-runner` is aliased to
// `@bgkit/capacitor/plugin` in this app's Vite config, so Capacitor's registerPlugin() hands the web part to bgkit.
import { Capacitor } from '@capacitor/core';
import { BackgroundRunner } from '@capacitor/background-runner';
// The real package's own web part (not aliased, as the alias matches the bare name only): what a PWA gets without bgkit.
import { BackgroundRunnerWeb } from '@capacitor/background-runner/dist/esm/web.js';
import { configureBackgroundRunner } from '@bgkit/capacitor';
import { registerServiceWorker } from '@bgkit/client/register';
import config, { TIME_LIMIT } from './capacitor.config';

declare global {
  interface Window {
    wired: {
      platform: string;
      available: boolean;
      BackgroundRunner: typeof BackgroundRunner;
      stock: BackgroundRunnerWeb;
    };
  }
}

registerServiceWorker('/sw.js');
window.wired = {
  platform: Capacitor.getPlatform(),
  available: Capacitor.isPluginAvailable('CapacitorBackgroundRunner'),
  BackgroundRunner,
  stock: new BackgroundRunnerWeb(),
};
await configureBackgroundRunner(config.plugins.BackgroundRunner, { timeLimit: TIME_LIMIT });
document.body.dataset.ready = 'true';
