// SPDX-License-Identifier: MIT
// The Background Fetch trigger's worker side, opt-in: a worker that never calls enableBackgroundFetch()
// bundles none of it (internal/backgroundFetchHook.ts is all register() needs to refuse its tasks).
// A side-effect import, not `import type {}`: declaration emit keeps it, so the published .d.ts brings the
// Background Fetch globals its signatures name (an app with skipLibCheck off would miss them otherwise).
import './types/backgroundFetch.js';
import { BACKGROUND_FETCH_EVENTS, BACKGROUND_FETCH_PREFIX, type BackgroundFetchEventKind, type BackgroundFetchTriggerDetails, type TriggerSource } from './protocol.js';
import type { BackgroundTaskInstance } from './BackgroundTaskInstance.js';
import { setBackgroundFetchEnabled } from './internal/backgroundFetchHook.js';
import { isSimulated } from './internal/devtoolsHook.js';
import { install, startThenBoot } from './internal/install.js';
import { RegistrationStore } from './internal/RegistrationStore.js';
import { dispatch, type Started } from './internal/dispatch.js';

declare const self: ServiceWorkerGlobalScope;

/** The events of runs still going, by instance id: their records can only be read while the event lasts. */
const live = new Map<string, BackgroundFetchEvent | BackgroundFetchUpdateUIEvent>();

/** The task a fetch id names (`bgkit-fetch:<taskId>:<uuid>`), or undefined for a fetch that is not bgkit's. */
export function fetchTaskId(id: string): string | undefined {
  if (!id.startsWith(BACKGROUND_FETCH_PREFIX)) return undefined;
  const taskId = id.slice(BACKGROUND_FETCH_PREFIX.length).split(':')[0];
  return taskId || undefined;
}

/**
 * What a run's `triggerDetails` keep of a Background Fetch event, read during it: the registration's state and
 * each record's URL and status. A record still downloading (a click during the fetch) is not waited for:
 * its status is null, as is an aborted record's (its responseReady rejects with AbortError:
 * e2e/tests/background-fetch.spec.ts, "an aborted fetch runs the task from backgroundfetchabort, its
 * unanswered record without a status").
 */
export async function fetchDetails(event: BackgroundFetchEvent): Promise<BackgroundFetchTriggerDetails> {
  const r = event.registration;
  let records: BackgroundFetchTriggerDetails['records'] = [];
  // matchAll() throws InvalidStateError once records are no longer available.
  const all = r.recordsAvailable ? await r.matchAll().catch(() => []) : [];
  records = await Promise.all(
    all.map(async ({ request, responseReady }) => ({
      url: request.url,
      method: request.method,
      status: r.result ? await responseReady.then((response) => response.status, () => null) : null,
    })),
  );
  return {
    id: r.id,
    event: event.type.slice('backgroundfetch'.length) as BackgroundFetchEventKind,
    result: r.result,
    failureReason: r.failureReason,
    downloaded: r.downloaded,
    downloadTotal: r.downloadTotal,
    uploaded: r.uploaded,
    uploadTotal: r.uploadTotal,
    records,
  };
}

async function onBackgroundFetch(taskId: string, event: BackgroundFetchEvent, source: TriggerSource, instanceId: string): Promise<Started> {
  const details = await fetchDetails(event);
  const registration = await RegistrationStore.get(taskId);
  // A fetch of a task unregistered since (or re-registered with another trigger) starts nothing.
  if (registration?.trigger.type !== 'backgroundFetch') return { done: Promise.resolve() };
  return dispatch(registration, source, details, instanceId);
}

/**
 * Runs tasks registered with a BackgroundFetchTrigger (from `@bgkit/client/background-fetch`) when a
 * Background Fetch the page started for them ends (`backgroundfetchsuccess`, `backgroundfetchfail`,
 * `backgroundfetchabort`) or its download UI is clicked (`backgroundfetchclick`). The run's
 * `triggerDetails` are a BackgroundFetchTriggerDetails; `backgroundFetchEvent(task)` gives the live event
 * (records, `updateUI`) while the run lasts. Chromium only: elsewhere register() of such a task fails with
 * `unsupported-trigger` (`details.api: 'BackgroundFetchManager'`). Call it at the top level of the worker:
 * browsers deliver events only to listeners added then
 * (https://w3c.github.io/ServiceWorker/#dfn-set-of-event-types-to-handle).
 */
export function enableBackgroundFetch(): void {
  if (!setBackgroundFetchEnabled()) return;
  for (const kind of BACKGROUND_FETCH_EVENTS) {
    self.addEventListener(`backgroundfetch${kind}`, (event: BackgroundFetchEvent) => {
      const taskId = fetchTaskId(event.registration.id);
      if (!taskId) return;
      const instanceId = crypto.randomUUID();
      live.set(instanceId, event);
      // The event holds the worker until the run is recorded and ends, as push does (install.ts); the
      // records are readable only until then.
      event.waitUntil(
        startThenBoot(() => onBackgroundFetch(taskId, event, isSimulated(event) ? 'simulated' : (event.type as TriggerSource), instanceId)).finally(() =>
          live.delete(instanceId),
        ),
      );
    });
  }
  install();
}

/**
 * The Background Fetch event that started this run, while it lasts: `event.registration.matchAll()` for the
 * records and their responses, and, for `success` and `fail`, `event.updateUI()`. Undefined for a run not
 * started by a live event (one that waited for its conditions, a retry, or a devtools `fire`): the browser
 * keeps the records only during the event, so such a run has its `triggerDetails` alone.
 */
export function backgroundFetchEvent(task: Pick<BackgroundTaskInstance, 'instanceId'>): BackgroundFetchEvent | BackgroundFetchUpdateUIEvent | undefined {
  return live.get(task.instanceId);
}
