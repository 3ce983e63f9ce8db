// The contract with Expo's own packages, checked by the compiler (tsconfig.expo-types.json): each module of
// @bgkit/expo must have every export of its Expo package, with call signatures an Expo app's code accepts,
// and enums with the same members and numeric values. A change of Expo's declarations fails this build.
import type * as ExpoTaskManager from 'expo-task-manager';
import type * as ExpoBackgroundTask from 'expo-background-task';
import type * as ExpoBackgroundFetch from 'expo-background-fetch';
import * as TaskManager from '../src/TaskManager.js';
import * as BackgroundTask from '../src/BackgroundTask.js';
import * as BackgroundFetch from '../src/BackgroundFetch.js';
import { BackgroundFetch as RootFetch, BackgroundTask as RootTask, TaskManager as RootTaskManager } from '../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// Enums compare by the string of each member's value: TypeScript enums of two declarations are never
// assignable to each other, however equal.
type EnumValues<E extends Record<string, string | number>> = { [K in keyof E]: `${E[K]}` };
// Functions returning one of Expo's enums compare by the values they can return.
type Returns<F extends (...args: never[]) => unknown> = `${Extract<Awaited<ReturnType<F>>, string | number | null>}`;

// --- expo-task-manager: every function assignable to Expo's, and the types identical.
const taskManager: Pick<typeof ExpoTaskManager, Exclude<keyof typeof ExpoTaskManager, 'default'>> = TaskManager;
export type TaskManagerTypes = [
  Expect<Equal<TaskManager.TaskManagerTaskBody<{ a: 1 }>, ExpoTaskManager.TaskManagerTaskBody<{ a: 1 }>>>,
  Expect<Equal<TaskManager.TaskManagerTaskBodyExecutionInfo, ExpoTaskManager.TaskManagerTaskBodyExecutionInfo>>,
  Expect<Equal<TaskManager.TaskManagerTask, ExpoTaskManager.TaskManagerTask>>,
  Expect<Equal<TaskManager.TaskManagerError, ExpoTaskManager.TaskManagerError>>,
  Expect<Equal<TaskManager.TaskManagerTaskExecutor<number>, ExpoTaskManager.TaskManagerTaskExecutor<number>>>,
  Expect<Equal<TaskManager.RegisteredTask, ExpoTaskManager.RegisteredTask>>,
];

// --- expo-background-task
type TaskFns = 'registerTaskAsync' | 'unregisterTaskAsync' | 'triggerTaskWorkerForTestingAsync' | 'addExpirationListener';
const backgroundTask: Pick<typeof ExpoBackgroundTask, TaskFns> = BackgroundTask;
export type BackgroundTaskTypes = [
  Expect<Equal<Exclude<keyof typeof ExpoBackgroundTask, keyof typeof BackgroundTask>, never>>,
  Expect<Equal<EnumValues<typeof BackgroundTask.BackgroundTaskStatus>, EnumValues<typeof ExpoBackgroundTask.BackgroundTaskStatus>>>,
  Expect<Equal<EnumValues<typeof BackgroundTask.BackgroundTaskResult>, EnumValues<typeof ExpoBackgroundTask.BackgroundTaskResult>>>,
  Expect<Equal<Returns<typeof BackgroundTask.getStatusAsync>, Returns<typeof ExpoBackgroundTask.getStatusAsync>>>,
  Expect<Equal<Parameters<typeof BackgroundTask.getStatusAsync>, Parameters<typeof ExpoBackgroundTask.getStatusAsync>>>,
  Expect<Equal<BackgroundTask.BackgroundTaskOptions, ExpoBackgroundTask.BackgroundTaskOptions>>,
];

// --- expo-background-fetch
type FetchFns = 'registerTaskAsync' | 'unregisterTaskAsync' | 'setMinimumIntervalAsync';
const backgroundFetch: Pick<typeof ExpoBackgroundFetch, FetchFns> = BackgroundFetch;
export type BackgroundFetchTypes = [
  Expect<Equal<Exclude<keyof typeof ExpoBackgroundFetch, keyof typeof BackgroundFetch>, never>>,
  Expect<Equal<EnumValues<typeof BackgroundFetch.BackgroundFetchResult>, EnumValues<typeof ExpoBackgroundFetch.BackgroundFetchResult>>>,
  Expect<Equal<EnumValues<typeof BackgroundFetch.BackgroundFetchStatus>, EnumValues<typeof ExpoBackgroundFetch.BackgroundFetchStatus>>>,
  Expect<Equal<Returns<typeof BackgroundFetch.getStatusAsync>, Returns<typeof ExpoBackgroundFetch.getStatusAsync>>>,
  Expect<Equal<Required<BackgroundFetch.BackgroundFetchOptions>, Required<ExpoBackgroundFetch.BackgroundFetchOptions>>>,
  // The aliases of expo-background-fetch's first releases are the same enums.
  Expect<Equal<typeof BackgroundFetch.Result, typeof BackgroundFetch.BackgroundFetchResult>>,
  Expect<Equal<typeof BackgroundFetch.Status, typeof BackgroundFetch.BackgroundFetchStatus>>,
];

// --- The root entry's namespaces are the modules themselves.
export type RootTypes = [
  Expect<Equal<typeof RootTaskManager, typeof TaskManager>>,
  Expect<Equal<typeof RootTask, typeof BackgroundTask>>,
  Expect<Equal<typeof RootFetch, typeof BackgroundFetch>>,
];

// --- Code written for Expo compiles unchanged: the executor of Expo's documentation (a sync function, which
// Expo's executor type rejects but its runtime accepts, and this kit accepts).
TaskManager.defineTask('docs-example', () => {
  const receivedNewData = Math.random() > 0.5;
  return receivedNewData ? BackgroundFetch.BackgroundFetchResult.NewData : BackgroundFetch.BackgroundFetchResult.NoData;
});
TaskManager.defineTask<{ locations: unknown[] }>('typed-data', async ({ data, error, executionInfo }) => {
  if (error) return executionInfo.taskName;
  return data.locations.length;
});

export { taskManager, backgroundTask, backgroundFetch };
