// SPDX-License-Identifier: MIT
// For a real Capacitor app: alias `@capacitor/background-runner` to `@bgkit/capacitor/plugin` in the web
// build. Capacitor's own registerPlugin() keeps the native plugin on iOS and Android and uses bgkit on the
// web, under the plugin's own name, so the app's imports and calls stay as they are.
import { registerPlugin } from '@capacitor/core';
import { BackgroundRunner as web } from './BackgroundRunner.js';

export const BackgroundRunner = registerPlugin<typeof web>('CapacitorBackgroundRunner', { web });
export { configureBackgroundRunner, getRunnerKV, runnerKVEntries } from './index.js';
export type * from './types.js';
