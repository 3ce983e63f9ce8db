// expo-background-fetch's own example, as an Expo app writes it; only the import line is changed (it was
// `import { BackgroundFetch, TaskManager } from 'expo';`) and the fetch itself filled in. Imported by the page
// and by the service worker: the executor runs in the worker.
import { BackgroundFetch, TaskManager } from '@bgkit/expo';

export const YOUR_TASK_NAME = 'news-fetch';

/** The background fetch itself: true when the news feed has items. */
async function fetchNews(): Promise<boolean> {
  const response = await fetch('/api/news');
  if (!response.ok) throw new Error(`news feed answered ${response.status}`);
  const { items } = (await response.json()) as { items: unknown[] };
  return items.length > 0;
}

TaskManager.defineTask(YOUR_TASK_NAME, async () => {
  try {
    const receivedNewData = await fetchNews();
    return receivedNewData ? BackgroundFetch.Result.NewData : BackgroundFetch.Result.NoData;
  } catch (error) {
    return BackgroundFetch.Result.Failed;
  }
});
