// SPDX-License-Identifier: MIT
// Retries (WorkManager's backoff, which Windows lacks): a run that asked for one, or was killed under a
// policy that retries killed runs, carries its next attempt (StoredRun.retry). RunStore stores that attempt
// as a pending trigger with a due time in the same transaction as the run's final state, so a worker killed
// at any moment either has both or neither; releasePending() (dispatch.ts) starts it once it is due and the
// task's conditions hold, at the same wake-ups as time triggers.
import { DEFAULT_RETRY_POLICY, retryDelay, type PendingRecord, type RetryPolicy, type StoredRun } from '../protocol.js';
import { clockNow } from './clock.js';

/** Sets `run.retry` when the policy allows another attempt; a run at its last attempt has failed for good. */
export function planRetry(run: StoredRun, policy: RetryPolicy = DEFAULT_RETRY_POLICY): void {
  const attempt = run.attempt ?? 1;
  if (attempt >= policy.maxAttempts) return;
  run.retry = { attempt: attempt + 1, maxAttempts: policy.maxAttempts, at: clockNow() + retryDelay(policy, attempt), instanceId: crypto.randomUUID() };
}

/** The pending trigger a run's planned retry is stored as: the same trigger details, its own instance id. */
export function retryTrigger(run: StoredRun): PendingRecord | undefined {
  const { retry } = run;
  return retry && {
    id: retry.instanceId,
    taskId: run.taskId,
    name: run.name,
    source: 'retry',
    triggerDetails: run.triggerDetails,
    createdAt: Date.now(),
    dueAt: retry.at,
    attempt: retry.attempt,
  };
}
