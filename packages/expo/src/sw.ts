// SPDX-License-Identifier: MIT
// The worker entry: `import '@bgkit/expo/sw'` at the top of the service worker, before (or after) the module
// that calls TaskManager.defineTask(). Every Expo task defined in the worker becomes a bgkit task, entry point
// "expo:<taskName>", whose handler calls the executor as Expo's TaskManager does: with `{ data, error,
// executionInfo }`; what it returns is the run's result, what it throws fails the run.
import { defineTask } from '@bgkit/sw';
import { executorOf, installDefinitionHook } from './internal/definitions.js';
import { entryPointFor } from './internal/names.js';
import type { TaskManagerTaskBody, TaskManagerTaskBodyExecutionInfo } from './types.js';

// The part of the worker's Clients API used here (the package compiles with the DOM lib, not WebWorker's).
interface WindowClientLike {
  readonly visibilityState: DocumentVisibilityState;
  readonly focused: boolean;
}
interface ClientsLike {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
}

installDefinitionHook((taskName) => {
  defineTask(entryPointFor(taskName), async (task) => {
    // Looked up at each run: defining the name again replaces the executor, as in Expo.
    const executor = executorOf(taskName)!;
    const body: TaskManagerTaskBody<Record<string, never>> = {
      // As Expo: its native task service sends `data ?: @{}` (EXTaskService's executeTask:withData:withError:,
      // expo-task-manager's iOS code), and background tasks and background fetch execute with no data.
      data: {},
      error: null,
      executionInfo: { eventId: task.instanceId, taskName, appState: await appState() },
    };
    return await executor(body);
  });
});

/** `'active'` when one of the app's windows is visible and focused, as an app in the foreground; else `'background'`. */
async function appState(): Promise<NonNullable<TaskManagerTaskBodyExecutionInfo['appState']>> {
  const clients = (globalThis as { clients?: ClientsLike }).clients;
  if (!clients) return 'background';
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
  return windows.some((w) => w.visibilityState === 'visible' && w.focused) ? 'active' : 'background';
}
