// SPDX-License-Identifier: MIT
// The three Expo task modules as namespaces: `import { TaskManager, BackgroundTask, BackgroundFetch } from '@bgkit/expo'`.
// Each is also a subpath of its own (`@bgkit/expo/task-manager`, …) with the module shape of the Expo package,
// for a web build to alias the Expo package names to.
export * as TaskManager from './TaskManager.js';
export * as BackgroundTask from './BackgroundTask.js';
export * as BackgroundFetch from './BackgroundFetch.js';
