// The page side of the background fetch example: the calls of expo-background-fetch's documentation.
import * as BackgroundFetch from 'expo-background-fetch';
import { YOUR_TASK_NAME } from './fetch-task';

/** Registers the news fetch when background fetch is available; resolves with the status it found. */
export async function startNewsFetch(minimumInterval?: number): Promise<BackgroundFetch.BackgroundFetchStatus | null> {
  const status = await BackgroundFetch.getStatusAsync();
  if (status !== BackgroundFetch.BackgroundFetchStatus.Available) return status;
  await BackgroundFetch.registerTaskAsync(YOUR_TASK_NAME, minimumInterval === undefined ? {} : { minimumInterval, stopOnTerminate: false, startOnBoot: true });
  return status;
}

export async function setNewsInterval(seconds: number): Promise<void> {
  await BackgroundFetch.setMinimumIntervalAsync(seconds);
}

export async function stopNewsFetch(): Promise<void> {
  await BackgroundFetch.unregisterTaskAsync(YOUR_TASK_NAME);
}
