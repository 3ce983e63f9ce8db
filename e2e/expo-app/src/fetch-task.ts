// expo-background-fetch's own example (the seed), as an Expo app writes it: only the import line is changed (it
// was `import { BackgroundFetch, TaskManager } from 'expo';`) and the fetch filled in. Its executor stays
// synchronous, as the example has it, so that the kit runs that form too. Imported by the page and by the
// service worker: the executor runs in the worker.
import { BackgroundFetch, TaskManager } from '@bgkit/expo';

export const YOUR_TASK_NAME = 'news-fetch';

// A service worker has no synchronous network API: a synchronous executor can only look at what the worker
// already holds, here the headlines the app was built with. The same task written to download its news is
// async ('news-feed' in probe-tasks.ts).
const bundledHeadlines: readonly string[] = ['a headline'];

TaskManager.defineTask(YOUR_TASK_NAME, () => {
  try {
    const receivedNewData = bundledHeadlines.length > 0; // do your background fetch here
    return receivedNewData ? BackgroundFetch.Result.NewData : BackgroundFetch.Result.NoData;
  } catch (error) {
    return BackgroundFetch.Result.Failed;
  }
});
