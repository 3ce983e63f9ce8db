// SPDX-License-Identifier: MIT
// The retry policy: its shape, WorkManager's defaults and bounds, and the one backoff rule page and worker share.

/**
 * How a task's failed runs are run again (Android WorkManager's BackoffPolicy, which Windows lacks): a run
 * whose handler returns or throws `task.retry()` is followed, after a delay, by a new run of the same trigger
 * details, until `maxAttempts` runs have been made.
 */
export interface RetryPolicy {
  /** `exponential`: initialDelay × 2^(n−1) after the nth attempt; `linear`: initialDelay × n. */
  backoff: 'exponential' | 'linear';
  /** Milliseconds before the second attempt, kept within RETRY_MIN_DELAY_MS … RETRY_MAX_DELAY_MS (as WorkManager). */
  initialDelay: number;
  /** Runs in all, the first one included: 1 never retries. */
  maxAttempts: number;
  /**
   * Whether a run killed with its worker (canceled with `terminating`) is run again, as an attempt. Off by
   * default: a task whose work gets its worker killed every time would otherwise loop.
   */
  retryTerminated: boolean;
}

/** What a builder may set of a RetryPolicy: the rest comes from DEFAULT_RETRY_POLICY. */
export type RetryPolicyInit = Partial<RetryPolicy>;

/** WorkManager's defaults (exponential from 30 s); WorkManager retries without limit, bgkit ten times in all. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = { backoff: 'exponential', initialDelay: 30_000, maxAttempts: 10, retryTerminated: false };
/** WorkManager's bounds for any backoff delay: 10 s and 5 h. */
export const RETRY_MIN_DELAY_MS = 10_000;
export const RETRY_MAX_DELAY_MS = 5 * 3_600_000;

/** The delay before the attempt after attempt `attempt` (1 for the first run) under `policy`. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  const delay = policy.backoff === 'linear' ? policy.initialDelay * attempt : policy.initialDelay * 2 ** (attempt - 1);
  return Math.min(RETRY_MAX_DELAY_MS, Math.max(RETRY_MIN_DELAY_MS, delay));
}
