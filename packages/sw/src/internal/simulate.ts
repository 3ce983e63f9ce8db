// SPDX-License-Identifier: MIT
// Devtools simulation: the events the web lacks (or a test cannot make) made up inside the worker, through
// the same code paths as real ones. Event-shaped simulations (push, notifications, sync, periodicsync,
// pushsubscriptionchange) are dispatched on the worker's global scope, so the app's own listeners (and
// Workbox's) see them too; a constructed event cannot call waitUntil, so each carries a stand-in that hands
// its promises to the call's lifetime, which holds the worker up just as a real event would.
import { BgkitError } from '../BgkitError.js';
import type { ApplicationTriggerResult, ControlChannelResetTriggerDetails, PushSubscriptionJSON, PushTriggerDetails, RegistrationRecord, Simulation, SimulationOutcome } from '../protocol.js';
import { validateSimulation } from '../validate.js';
import type { Lifetime } from './Lifetime.js';
import { RegistrationStore } from './RegistrationStore.js';
import { cancelRun, hasActiveRun } from './runner.js';
import { markSimulated } from './devtoolsHook.js';
import { clockNow } from './clock.js';
import { simulateClock } from './simulatedClock.js';
import { onSignals } from './deviceReports.js';
import { dispatch } from './dispatch.js';
import { pushDetails, subscriptionChange, toastDetails } from './eventSources.js';
import { DEV } from './log.js';
import { assertBackgroundFetchEnabled } from './backgroundFetchHook.js';
import { BACKGROUND_FETCH_PREFIX, MESSAGES } from '../protocol.js';

declare const self: ServiceWorkerGlobalScope;

/** Text payload → what a PushEvent's `data` offers (null for no payload, as browsers give). */
function pushData(payload: string | null | undefined): PushMessageData | null {
  if (payload === null || payload === undefined) return null;
  const bytes = new TextEncoder().encode(payload);
  return {
    text: () => payload,
    json: () => JSON.parse(payload) as unknown,
    arrayBuffer: () => bytes.buffer,
    bytes: () => bytes,
    blob: () => new Blob([bytes]),
  } as unknown as PushMessageData;
}

/** PushSubscriptionJSON → what a PushSubscriptionChangeEvent's subscriptions offer (null for none, as browsers give). */
function stubSubscription(json: PushSubscriptionJSON | null | undefined): PushSubscription | null {
  if (!json) return null;
  // toJSON() gives a copy, as a real subscription does; the options say nothing of the server key, which
  // PushSubscriptionJSON does not carry.
  return { endpoint: json.endpoint ?? '', expirationTime: json.expirationTime ?? null, options: { userVisibleOnly: true, applicationServerKey: null }, toJSON: () => structuredClone(json) } as unknown as PushSubscription;
}

function stubNotification(fields: { tag?: string; title?: string; data?: unknown }): Notification {
  return { tag: fields.tag ?? '', title: fields.title ?? '', data: fields.data ?? null, body: '', actions: [], close() {} } as unknown as Notification;
}

/** Dispatches a made-up extendable event; its waitUntil feeds `lifetime`. */
function dispatchSynthetic(type: string, fields: Record<string, unknown>, lifetime: Lifetime): void {
  const event = new Event(type);
  const props: PropertyDescriptorMap = { waitUntil: { value: (promise: Promise<unknown>) => lifetime.keepAlive(Promise.resolve(promise)) } };
  for (const [key, value] of Object.entries(fields)) props[key] = { value, enumerable: true };
  Object.defineProperties(event, props);
  markSimulated(event);
  self.dispatchEvent(event);
}

/**
 * A `backgroundfetch<event>` as Chromium fires it when a fetch for `taskId` ends: a registration with the
 * state that event has (a 404 fails with 'bad-status', abort() with 'aborted': e2e/tests/background-fetch.spec.ts,
 * "a fetch answered 404 runs the task from backgroundfetchfail (bad-status)" and "an aborted fetch runs the task
 * from backgroundfetchabort, its unanswered record without a status") and records whose responses carry the
 * given statuses (null: responseReady rejects with AbortError, as for an aborted record).
 */
function backgroundFetch(simulation: Extract<Simulation, { kind: 'backgroundfetch' }>, lifetime: Lifetime): void {
  // Without the opt-in nothing listens: the simulation would be lost without a word.
  assertBackgroundFetchEnabled();
  const { event, taskId, records = [], downloaded = 0 } = simulation;
  const done = event !== 'click';
  const failureReason = event === 'abort' ? 'aborted' : event === 'fail' ? (simulation.failureReason ?? 'fetch-error') : '';
  const registration = {
    id: `${BACKGROUND_FETCH_PREFIX}${taskId}:${crypto.randomUUID()}`,
    result: done ? (event === 'success' ? 'success' : 'failure') : '',
    failureReason,
    downloaded,
    downloadTotal: 0,
    uploaded: 0,
    uploadTotal: 0,
    recordsAvailable: true,
    matchAll: () =>
      Promise.resolve(
        records.map(({ url, status }) => {
          const responseReady = status === null ? Promise.reject(new DOMException('The fetch was aborted before the record was processed.', 'AbortError')) : Promise.resolve(new Response(null, { status }));
          responseReady.catch(() => undefined);
          return { request: new Request(url), responseReady };
        }),
      ),
  };
  const fields: Record<string, unknown> = { registration };
  if (event === 'success' || event === 'fail') fields.updateUI = () => Promise.resolve();
  dispatchSynthetic(`backgroundfetch${event}`, fields, lifetime);
}

async function fire(taskId: string, details: NonNullable<Extract<Simulation, { kind: 'fire' }>['details']>, lifetime: Lifetime): Promise<SimulationOutcome> {
  const registration = await RegistrationStore.get(taskId);
  if (!registration) throw new BgkitError('not-registered', DEV ? MESSAGES.taskNotRegistered : '', { taskId });
  // Its run needs the event's details: fire it as a fetch that succeeded, with no records.
  if (registration.trigger.type === 'backgroundFetch') {
    backgroundFetch({ kind: 'backgroundfetch', taskId, event: 'success' }, lifetime);
    return {};
  }
  let target: RegistrationRecord = registration;
  let triggerDetails: unknown = null;
  let result: ApplicationTriggerResult | undefined;
  switch (registration.trigger.type) {
    case 'application':
      // As request() answers: one run of a task at a time.
      if (hasActiveRun(taskId)) return { result: 'currentlyRunning' };
      triggerDetails = { arguments: details.arguments ?? {} };
      result = 'allowed';
      break;
    case 'time':
    case 'maintenance':
      // "The time came": the next run is due a period from now, as after a real periodicsync.
      target = (await RegistrationStore.claimSlot(taskId, clockNow(), 'now')) ?? registration;
      break;
    case 'push':
      triggerDetails = pushDetails(pushData(details.payload)) satisfies PushTriggerDetails;
      break;
    case 'toastAction':
    case 'toastHistoryChanged':
      triggerDetails = toastDetails({ action: details.action ?? '', notification: stubNotification(details) });
      break;
    case 'system': {
      const { systemType } = registration.trigger;
      const { oldSubscription, newSubscription } = details;
      triggerDetails = systemType === 'controlChannelReset'
        ? ({ systemType, ...subscriptionChange({ oldSubscription: stubSubscription(oldSubscription), newSubscription: stubSubscription(newSubscription) }) } satisfies ControlChannelResetTriggerDetails)
        : { systemType };
      break;
    }
  }
  const { done } = await dispatch(target, 'simulated', triggerDetails);
  lifetime.keepAlive(done);
  return result ? { result } : {};
}

export async function simulate(simulation: Simulation, lifetime: Lifetime): Promise<SimulationOutcome> {
  // The clock's offset too: an unbounded one made every nextRunTime an Invalid Date (validateSimulation).
  validateSimulation(simulation);
  if (simulation.kind === 'clock') return { clock: await simulateClock(simulation.offset) };
  switch (simulation.kind) {
    case 'fire':
      return fire(simulation.taskId, simulation.details ?? {}, lifetime);
    case 'push':
      dispatchSynthetic('push', { data: pushData(simulation.payload) }, lifetime);
      return {};
    case 'notification': {
      const { event, action = '', ...fields } = simulation;
      dispatchSynthetic(event === 'click' ? 'notificationclick' : 'notificationclose', { notification: stubNotification(fields), action, reply: null }, lifetime);
      return {};
    }
    case 'sync':
      dispatchSynthetic('sync', { tag: simulation.tag, lastChance: simulation.lastChance ?? false }, lifetime);
      return {};
    case 'periodicsync':
      dispatchSynthetic('periodicsync', { tag: simulation.tag }, lifetime);
      return {};
    case 'pushsubscriptionchange':
      // Chromium gives no way to cause a real one: no CDP command
      // (https://chromedevtools.github.io/devtools-protocol/tot/ServiceWorker/), no real subscription in test
      // profiles (e2e/tests/control-channel-reset.spec.ts, "registers in Chromium, which has the Push API but
      // gives a test context no subscription to reset"). This made-up event reaches bgkit's listener
      // (install.ts) and the app's own, as the real one would.
      dispatchSynthetic('pushsubscriptionchange', { oldSubscription: stubSubscription(simulation.oldSubscription), newSubscription: stubSubscription(simulation.newSubscription) }, lifetime);
      return {};
    case 'device':
      lifetime.keepAlive(onSignals(simulation.signals, 'simulated', 'simulated'));
      return {};
    case 'resetDevice':
      lifetime.keepAlive(onSignals({}, 'simulated', 'reset'));
      return {};
    case 'cancel':
      return { result: cancelRun(simulation.instanceId, simulation.reason) };
    case 'backgroundfetch':
      backgroundFetch(simulation, lifetime);
      return {};
  }
}
