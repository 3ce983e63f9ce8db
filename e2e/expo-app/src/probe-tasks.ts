// Tasks of the test bench itself (not from Expo's examples): one returns what its executor received, one
// throws, one downloads the news feed. Imported by the page and by the service worker.
import * as BackgroundFetch from 'expo-background-fetch';
import * as TaskManager from 'expo-task-manager';

TaskManager.defineTask('probe', async ({ data, error, executionInfo }) => ({ data, error, executionInfo }));

class SyncError extends Error {
  override name = 'SyncError';
}

TaskManager.defineTask('explode', async () => {
  throw new SyncError('the server answered 503');
});

/** The background fetch itself: true when the news feed has items. */
async function fetchNews(): Promise<boolean> {
  const response = await fetch('/api/news');
  if (!response.ok) throw new Error(`news feed answered ${response.status}`);
  const { items } = (await response.json()) as { items: unknown[] };
  return items.length > 0;
}

// The seed's fetch task as an app that downloads writes it: the executor async, each of its three answers
// decided by the feed.
TaskManager.defineTask('news-feed', async () => {
  try {
    const receivedNewData = await fetchNews();
    return receivedNewData ? BackgroundFetch.BackgroundFetchResult.NewData : BackgroundFetch.BackgroundFetchResult.NoData;
  } catch (error) {
    return BackgroundFetch.BackgroundFetchResult.Failed;
  }
});
