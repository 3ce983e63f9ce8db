// The page: the app's task module (so that isTaskDefined() and registerTaskAsync() know the tasks), the
// screens' calls, and the service worker.
import * as bgkit from '@bgkit/client';
import { registerServiceWorker } from '@bgkit/client/register';
import { mountBgkitDevtools } from '@bgkit/devtools';
import * as expo from '@bgkit/expo';
import * as TaskManager from 'expo-task-manager';
import * as BackgroundTask from 'expo-background-task';
import './tasks';
import { BACKGROUND_TASK_IDENTIFIER, registerBackgroundTaskAsync, unregisterBackgroundTaskAsync } from './background-task';
import { setNewsInterval, startNewsFetch, stopNewsFetch } from './fetch-screen';

// A task defined in this page only: the worker never imports this line.
TaskManager.defineTask('page-only', async () => 'never runs');

const app = { registerBackgroundTaskAsync, unregisterBackgroundTaskAsync, startNewsFetch, setNewsInterval, stopNewsFetch };

declare global {
  interface Window {
    /** The client API, for the console and the end-to-end tests. */
    bgkit: typeof bgkit;
    /** @bgkit/expo's three modules. */
    expo: typeof expo;
    /** The app's own functions. */
    app: typeof app;
  }
}
window.bgkit = bgkit;
window.expo = expo;
window.app = app;

mountBgkitDevtools({ position: 'right', open: new URLSearchParams(location.search).has('devtools') });

const $ = (id: string) => document.getElementById(id)!;

// The background task screen of Expo's example, without React: status, registration, and the test button.
async function updateStatus(): Promise<void> {
  const status = await BackgroundTask.getStatusAsync();
  const isRegistered = await TaskManager.isTaskRegisteredAsync(BACKGROUND_TASK_IDENTIFIER);
  $('status').textContent = BackgroundTask.BackgroundTaskStatus[status];
  $('registered').textContent = isRegistered ? 'registered' : 'not registered';
  $('toggle').textContent = isRegistered ? 'Cancel Background Task' : 'Schedule Background Task';
}

$('toggle').addEventListener('click', async () => {
  if (await TaskManager.isTaskRegisteredAsync(BACKGROUND_TASK_IDENTIFIER)) await unregisterBackgroundTaskAsync();
  else await registerBackgroundTaskAsync();
  await updateStatus();
});

$('trigger').addEventListener('click', async () => {
  await BackgroundTask.triggerTaskWorkerForTestingAsync();
  $('triggered').textContent = 'triggered';
});

registerServiceWorker('/sw.js');
await navigator.serviceWorker.ready;
await updateStatus();
document.body.dataset.ready = 'true';
