// SPDX-License-Identifier: MIT
// How a fired trigger becomes a run: recorded as running in IndexedDB before the handler is called, settled
// exactly once (result, error, or cancellation), and announced to every page.
import { BackgroundTaskInstance, cancelInstance, countOpenDeferrals, RetryRequest } from '../BackgroundTaskInstance.js';
import { BgkitError } from '../BgkitError.js';
import {
  serializeError,
  type BackgroundTaskCancellationReason,
  type RegistrationRecord,
  type RetryPolicy,
  type StoredRun,
  type TriggerSource,
} from '../protocol.js';
import { broadcast } from './broadcast.js';
import { DEV, log } from './log.js';
import { RegistrationStore } from './RegistrationStore.js';
import { planRetry } from './retry.js';
import { RunStore } from './RunStore.js';
import { bootId, definitions, options, type TaskDefinition } from './runtime.js';

type Outcome =
  | { status: 'completed'; result: unknown }
  /** `retry`: the handler asked for another attempt (task.retry()). */
  | { status: 'failed'; error: unknown; retry?: boolean }
  | { status: 'canceled'; reason: BackgroundTaskCancellationReason };

interface ActiveRun {
  taskId: string;
  /** Until the handler starts, a cancel is only remembered; the runner honours it before calling the handler. */
  cancel(reason: BackgroundTaskCancellationReason): void;
  pendingCancel?: BackgroundTaskCancellationReason;
  /** Set once the handler has been called (queued runs and runs being recorded are not doing work yet). */
  started?: boolean;
}

/**
 * How long a canceled or failed run's handler may go on (cleaning up in a `canceled` listener, say) while the
 * worker is still kept alive for it and before a queued run of the same task starts. Windows gives 5 s too.
 */
export const CANCEL_GRACE_MS = 5000;

export interface RunRequest {
  registration: RegistrationRecord;
  source: TriggerSource;
  triggerDetails: unknown;
  instanceId?: string;
  /** Which attempt the run is (a retry's); 1 when absent. */
  attempt?: number;
  /**
   * Stores the new run in place of a plain write: a time-triggered task records its run in the transaction
   * that claims its slot. Called synchronously by startRun(), so that transaction is still active.
   */
  record?: (run: StoredRun) => Promise<void>;
}

export interface StartedRun {
  instanceId: string;
  /** Settles once the run is in IndexedDB as `running` or `queued` (rejects if it could not be written). */
  recorded: Promise<void>;
  /** Settles with the final run once it is stored and announced. */
  finished: Promise<StoredRun>;
}

const active = new Map<string, ActiveRun>();

export function isActive(instanceId: string): boolean {
  return active.has(instanceId);
}

export function hasActiveRun(taskId: string): boolean {
  for (const run of active.values()) if (run.taskId === taskId) return true;
  return false;
}

/** Cancels the running instances of the given tasks (all tasks when omitted); returns how many. */
export function cancelRuns(reason: BackgroundTaskCancellationReason, taskIds?: ReadonlySet<string>): number {
  let count = 0;
  for (const run of [...active.values()]) {
    if (!taskIds || taskIds.has(run.taskId)) {
      run.cancel(reason);
      count++;
    }
  }
  return count;
}

/** How many handlers are doing work right now: what the work cost counts. */
export function workingCount(): number {
  let count = 0;
  for (const run of active.values()) if (run.started) count++;
  return count;
}

export function activeRuns(): { instanceId: string; taskId: string }[] {
  return [...active].map(([instanceId, run]) => ({ instanceId, taskId: run.taskId }));
}

export function cancelRun(instanceId: string, reason: BackgroundTaskCancellationReason): boolean {
  const run = active.get(instanceId);
  run?.cancel(reason);
  return !!run;
}

// The latest run of each task: a trigger that fires while its task runs waits for it as a `queued` run.
const tails = new Map<string, Promise<unknown>>();

// The history is ordered by createdAt; runs created in the same millisecond would come back in the order
// of their random ids. A clock stepped back by more than a second starts the sequence again.
let lastCreated = 0;

function creationTime(): number {
  const now = Date.now();
  return (lastCreated = lastCreated >= now && lastCreated - now < 1000 ? lastCreated + 0.001 : now);
}

export function startRun(request: RunRequest): StartedRun {
  const instanceId = request.instanceId ?? crypto.randomUUID();
  const { taskId } = request.registration;
  // Reserved before any await, so two requests arriving together cannot both see the task idle.
  const entry: ActiveRun = { taskId, cancel: (reason) => void (entry.pendingCancel ??= reason) };
  active.set(instanceId, entry);
  let markRecorded!: (error?: unknown) => void;
  const recorded = new Promise<void>((resolve, reject) => {
    markRecorded = (error) => (error === undefined ? resolve() : reject(error));
  });
  const finished = execute(request, instanceId, entry, markRecorded, tails.get(taskId)).finally(() => active.delete(instanceId));
  const tail = finished.catch(() => undefined);
  tails.set(taskId, tail);
  void tail.then(() => {
    if (tails.get(taskId) === tail) tails.delete(taskId);
  });
  finished.catch((error: unknown) => log('run could not be stored', instanceId, error));
  // A caller whose own step failed first (a claim's transaction aborted) never awaits it: no unhandled rejection.
  recorded.catch(() => undefined);
  return { instanceId, recorded, finished };
}

async function execute(
  request: RunRequest,
  instanceId: string,
  entry: ActiveRun,
  markRecorded: (error?: unknown) => void,
  previous: Promise<unknown> | undefined,
): Promise<StoredRun> {
  const { registration: reg } = request;
  const createdAt = creationTime();
  const run: StoredRun = {
    instanceId,
    taskId: reg.taskId,
    name: reg.name,
    entryPoint: reg.entryPoint,
    trigger: reg.trigger.type,
    source: request.source,
    triggerDetails: request.triggerDetails,
    status: previous ? 'queued' : 'running',
    progress: 0,
    createdAt,
    startedAt: previous ? null : Date.now(),
    finishedAt: null,
    attempt: request.attempt ?? 1,
    bootId,
  };
  try {
    // Synchronously up to here: a `record` that writes into an open transaction finds it still active.
    await (request.record ?? RunStore.add)(run);
  } catch (error) {
    markRecorded(error);
    throw error;
  }
  markRecorded();
  // A run that starts at once is announced right after its handler is called, not before: the handler's
  // first message to a page should not wait behind bgkit's own. A queued run is announced as queued now.
  const announce = () => broadcast({ kind: 'started', run });
  if (previous) {
    announce();
    await previous;
    if (!entry.pendingCancel) {
      run.status = 'running';
      run.startedAt = Date.now();
      if (!(await RunStore.transition(run))) return (await RunStore.get(instanceId)) ?? run;
    }
  }
  if (entry.pendingCancel) {
    if (!previous) announce();
    return finalize(run, { status: 'canceled', reason: entry.pendingCancel });
  }
  log(`run ${reg.name} (${instanceId}) started by ${request.source}`);
  const definition = definitions.get(reg.entryPoint);
  if (!definition) {
    announce();
    return finalize(run, {
      status: 'failed',
      error: new BgkitError('entry-point-not-defined', !DEV ? '' : `No task "${reg.entryPoint}" is defined in this service worker.`, { entryPoint: reg.entryPoint }),
    });
  }
  const { outcome, quiet } = invoke(definition, run, entry, reg.isNetworkRequested, announce);
  const final = await finalize(run, await outcome, reg.retryPolicy);
  // Pages already know the outcome; the worker stays up (and the task's queue waits) while the handler winds down.
  await quiet;
  return final;
}

/**
 * Calls the handler, then `announce`s the run (progress set before that travels in the announcement).
 * `outcome` settles once: with the handler's result (after its deferrals complete), its error, or a
 * cancellation. `quiet` settles when the handler's own promise has, or CANCEL_GRACE_MS after the outcome,
 * whichever is first: a canceled handler may still be cleaning up.
 */
function invoke(
  definition: TaskDefinition,
  run: StoredRun,
  entry: ActiveRun,
  networkRequested: boolean,
  announce: () => void,
): { outcome: Promise<Outcome>; quiet: Promise<void> } {
  let settled = false;
  let announced = false;
  let returned: Outcome | undefined;
  let resolveOutcome!: (outcome: Outcome) => void;
  const outcome = new Promise<Outcome>((resolve) => (resolveOutcome = resolve));
  const settle = (result: Outcome) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    resolveOutcome(result);
  };
  const finishIfReady = () => {
    if (returned && countOpenDeferrals(instance) === 0) settle(returned);
  };
  const instance = new BackgroundTaskInstance<unknown>({
    instanceId: run.instanceId,
    task: { name: run.name, taskId: run.taskId },
    triggerDetails: run.triggerDetails,
    networkRequested,
    attempt: run.attempt,
    hooks: {
      // Progress after the run settled (from a deferred callback, say) would arrive after `completed`.
      onProgress: (progress) => !settled && reportProgress(run, progress, announced),
      onDeferralsSettled: finishIfReady,
    },
  });
  entry.started = true;
  entry.cancel = (reason) => {
    if (settled) return;
    // Settle first: a `canceled` listener that completes a deferral must not turn the run into `completed`.
    settle({ status: 'canceled', reason });
    cancelInstance(instance, reason);
  };
  const timeLimit = definition.options.timeLimit ?? options.timeLimit;
  const timer = setTimeout(() => entry.cancel('executionTimeExceeded'), timeLimit);
  // A throw ends the run at once, open deferrals or not: the task has failed.
  // task.retry(), returned or thrown, fails the run and asks for another attempt.
  const fail = (error: unknown) =>
    settle(error instanceof RetryRequest ? { status: 'failed', error: error.cause ?? retryRequested(), retry: true } : { status: 'failed', error });
  let handled: Promise<void>;
  try {
    handled = Promise.resolve((definition.handler as (i: BackgroundTaskInstance<unknown>) => unknown)(instance)).then((result) => {
      if (result instanceof RetryRequest) return fail(result);
      returned = { status: 'completed', result };
      finishIfReady();
    }, fail);
  } catch (error) {
    fail(error);
    handled = Promise.resolve();
  }
  announced = true;
  announce();
  // Progress set before the first await is in `started`, and in a `progress` message of its own, which is
  // what pages listen to.
  if (run.progress !== 0) broadcastProgress(run);
  const quiet = outcome.then(() =>
    Promise.race([handled, new Promise<void>((resolve) => setTimeout(resolve, CANCEL_GRACE_MS))]),
  );
  return { outcome, quiet };
}

function retryRequested(): BgkitError {
  return new BgkitError('retry-requested', DEV ? 'The task asked to be run again.' : '');
}

async function finalize(run: StoredRun, outcome: Outcome, policy?: RetryPolicy): Promise<StoredRun> {
  run.status = outcome.status;
  run.finishedAt = Date.now();
  if (outcome.status === 'completed') run.result = outcome.result;
  else if (outcome.status === 'failed') {
    run.error = serializeError(outcome.error);
    if (outcome.retry) planRetry(run, policy);
  } else run.cancelReason = outcome.reason;
  let written: boolean | undefined;
  try {
    written = await RunStore.transition(run);
  } catch (error) {
    // What the store could not take: a result that cannot be cloned (result-not-cloneable) or that does not
    // fit in what is left of the quota (storage-full). The run fails with that code, without its result, as
    // the README promises; a failed run's error loses its details (what could not be cloned is there).
    const large = mayBeLarge(run.result);
    if (run.status === 'completed') {
      run.status = 'failed';
      run.error = serializeError(error);
    } else if (run.error) delete run.error.details;
    delete run.result;
    written = await storeOutcome(run, large);
  }
  // Not stored (the store stayed full): pages are told nothing the store does not hold. The run stays
  // `running` there, and the next worker settles and announces it.
  if (written === undefined) return run;
  if (!written) return (await RunStore.get(run.instanceId)) ?? run;
  log(`run ${run.name} (${run.instanceId}) ${run.status}`, run.error ?? run.cancelReason ?? '');
  announce(run);
  void prune();
  return run;
}

/**
 * Whether a value may have been stored as a blob file, which Chromium does for a value over 64 KB (see
 * RunStore.reclaim()): a big binary or string, itself or in a field. A shallow look, on the failure path only.
 */
function mayBeLarge(value: unknown): boolean {
  // byteLength: an ArrayBuffer or a view of one; size: a Blob.
  const big = (v: unknown) => ((v as Blob | undefined)?.size ?? (v as ArrayBuffer | undefined)?.byteLength ?? (typeof v === 'string' ? 2 * v.length : 0)) > 65_536;
  return big(value) || Object.values(value ?? 0).some(big);
}

/**
 * How long a worker keeps trying to store an outcome its store refused (full, or failing): each delay is a
 * retry; after the last, the run is left to the next worker. Space freed meanwhile (the app deletes data, the
 * browser grants more) lets the outcome in; the worker stays up meanwhile, as for the run itself.
 */
export const OUTCOME_RETRY_MS: readonly number[] = [500, 1000, 2000, 4000, 8000, 15_000];

/** Stores a reduced outcome, retrying on failure; undefined when it never got in. */
async function storeOutcome(run: StoredRun, reclaim: boolean): Promise<boolean | undefined> {
  // The refused write carried a large value: have the browser give back what it left counted first.
  if (reclaim) await RunStore.reclaim().catch(() => undefined); // then the attempts below say what fails
  for (const delay of [0, ...OUTCOME_RETRY_MS]) {
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      return await RunStore.transition(run);
    } catch (error) {
      log('run outcome could not be stored', run.instanceId, error);
    }
  }
  return undefined;
}

// Runs this worker lifetime announced: a start-up look for unannounced runs must not repeat them.
const announcedHere = new Set<string>();

/**
 * Tells every page that a run ended. Only a run whose final state is stored is announced, and that state
 * was stored together with an announcement key (RunStore): the key goes only after the broadcast, so a
 * worker killed between the two leaves it, and the next worker announces the run (announceLeftovers). A page
 * may so hear of a run twice; it drops the repeat (by instance id).
 */
function announce(run: StoredRun): void {
  announcedHere.add(run.instanceId);
  broadcast({ kind: 'completed', run });
  RunStore.announced(run.instanceId);
}

// Progress reaches pages at once; IndexedDB gets the latest value, one write in flight per run at most.
const writing = new Set<string>();
const dirty = new Set<string>();

function broadcastProgress(run: StoredRun): void {
  // An application run's arguments ride along: they are how a page tells which of its requests this is.
  const args = run.trigger === 'application' ? (run.triggerDetails as { arguments?: Record<string, unknown> } | undefined)?.arguments : undefined;
  broadcast({ kind: 'progress', taskId: run.taskId, instanceId: run.instanceId, progress: run.progress, ...(args && { arguments: args }) });
}

/** `tell`: broadcast it now (false before the run is announced; invoke() sends it after). */
function reportProgress(run: StoredRun, progress: number, tell: boolean): void {
  run.progress = progress;
  if (tell) broadcastProgress(run);
  const id = run.instanceId;
  if (writing.has(id)) {
    dirty.add(id);
    return;
  }
  writing.add(id);
  void (async () => {
    try {
      do {
        dirty.delete(id);
        await RunStore.setProgress(id, run.progress);
      } while (dirty.has(id));
    } catch (error) {
      log('progress not stored', error);
    } finally {
      writing.delete(id);
    }
  })();
}

let runCount: number | undefined;
let pruning: Promise<void> = Promise.resolve();

/** Keeps the history near `historyLimit` without counting the store on every run. */
function prune(): Promise<void> {
  pruning = pruning.then(async () => {
    runCount = runCount === undefined ? await RunStore.count() : runCount + 1;
    const limit = options.historyLimit;
    if (runCount > limit + Math.max(10, Math.floor(limit / 20))) {
      await RunStore.prune(limit);
      runCount = await RunStore.count();
    }
  }).catch((error: unknown) => log('history not pruned', error));
  return pruning;
}

/** @internal For tests. */
export function forgetRunCount(): void {
  runCount = undefined;
  lastCreated = 0;
  announcedHere.clear();
}

/**
 * Runs left queued or running by an earlier worker lifetime died with it (a killed worker gets no chance to
 * say so): they become `canceled` with `reason`, and every page hears of it. The reason is `terminating`,
 * or `servicingUpdate` when this lifetime is a new version's first (api.ts boot()): the old version's worker
 * was stopped for the update, Windows' servicingUpdate.
 */
export async function reconcile(reason: 'terminating' | 'servicingUpdate' = 'terminating'): Promise<StoredRun[]> {
  const settled: StoredRun[] = [];
  // Both reads at once: a cold worker's first call waits for this.
  const [orphans, leftovers] = await Promise.all([RunStore.orphans(bootId), RunStore.unannounced()]);
  for (const run of orphans) {
    run.status = 'canceled';
    run.cancelReason = reason;
    run.finishedAt = Date.now();
    // Run again only where the task's policy says a killed run is an attempt (RetryPolicy.retryTerminated).
    const policy = (await RegistrationStore.get(run.taskId))?.retryPolicy;
    if (policy?.retryTerminated) planRetry(run, policy);
    if (await RunStore.transition(run)) {
      announce(run);
      settled.push(run);
    }
  }
  if (settled.length) log(`${settled.length} run(s) of an earlier worker marked terminated`);
  announceLeftovers(leftovers);
  return settled;
}

/**
 * Runs an earlier worker stored as finished but was killed before it told the pages (or before it noted that
 * it had): announced now, oldest first. Pages drop a repeat of a run they already heard of.
 */
function announceLeftovers(leftovers: StoredRun[]): void {
  let count = 0;
  for (const run of leftovers) {
    if (announcedHere.has(run.instanceId)) continue;
    announce(run);
    count++;
  }
  if (count) log(`${count} finished run(s) of an earlier worker announced`);
}
