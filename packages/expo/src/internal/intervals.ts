// SPDX-License-Identifier: MIT
// Expo's intervals as bgkit TimeTrigger freshness times: whole minutes, at least 15 (bgkit's floor, as Windows;
// also Expo's own floor for expo-background-task and Android's WorkManager minimum).
import { MIN_FRESHNESS_MINUTES } from '@bgkit/sw/protocol';

/** expo-background-task's default interval: once every 12 hours. */
export const DEFAULT_TASK_INTERVAL_MINUTES = 12 * 60;

/** expo-background-fetch's default: the smallest interval the platform allows (Expo: "10-15 minutes"). */
export const DEFAULT_FETCH_INTERVAL_SECONDS = MIN_FRESHNESS_MINUTES * 60;

/** A minute count rounded up to whole minutes and raised to the floor. */
export function freshnessFromMinutes(minutes: number): number {
  return Math.max(MIN_FRESHNESS_MINUTES, Math.ceil(minutes));
}

/** A second count rounded up to whole minutes and raised to the floor. */
export function freshnessFromSeconds(seconds: number): number {
  return freshnessFromMinutes(seconds / 60);
}
