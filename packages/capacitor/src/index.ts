// SPDX-License-Identifier: MIT
// @bgkit/capacitor: Capacitor's Background Runner for the web, on bgkit. The page side.
export { BackgroundRunner, type BgkitBackgroundRunner } from './BackgroundRunner.js';
export { configureBackgroundRunner, MAX_TIME_LIMIT_MS, type ConfigureOptions } from './configure.js';
export { getRunnerKV, runnerKVEntries } from './runnerKV.js';
export { autoStartEntryPoint, dispatchEntryPoint, pushEntryPoint, taskNames, type DispatchArguments } from './shared/names.js';
export type * from './types.js';
