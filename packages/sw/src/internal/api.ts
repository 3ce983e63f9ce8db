// SPDX-License-Identifier: MIT
// The worker's side of the page→worker calls: what a page may ask, each call answered after start-up
// reconciliation and kept alive (with any run it starts) by its message event's waitUntil.
import { BackgroundWorkCost } from '../BackgroundWorkCost.js';
import { BgkitError, isBgkitError } from '../BgkitError.js';
import { ACCESS_STATUSES, ACK_INTERVAL_MS, hasMethod, PROTOCOL_VERSION, serializeError, type CallAck, type CallMessage, type BackgroundAccessStatus, type CallReply, type GroupRecord, type WorkerApi, MESSAGES } from '../protocol.js';
import { validateRunQuery, validateSignals } from '../validate.js';
import { storageError } from './db.js';
import { DEV, log } from './log.js';
import type { Lifetime } from './Lifetime.js';
import { RegistrationStore } from './RegistrationStore.js';
import { MetaStore } from './MetaStore.js';
import { RunStore } from './RunStore.js';
import { cancelRuns, hasActiveRun, isActive, reconcile } from './runner.js';
import { bootId, definitions } from './runtime.js';
import { PendingStore } from './PendingStore.js';
import { readDeviceState } from './device.js';
import { register } from './register.js';
import { devtoolsEnabled, runSimulation } from './devtoolsHook.js';
import { onSignals } from './deviceReports.js';
import { dispatch, releasePending, removeTasks } from './dispatch.js';
import { catchUp } from './timeTriggers.js';

let booting: Promise<void> | undefined;
let bootRuns: Promise<unknown> = Promise.resolve();
/** The worker's own look at the network is taken once per lifetime: a boot tried again after a failed
 * settling must not report the same reconnect a second time. */
let lookedAtNetwork = false;

/**
 * Once per worker lifetime, before anything else is answered: settle what the last lifetime left behind and
 * start the time-triggered tasks that fell due while no worker ran. `checkNetwork` false: the reconnect sync
 * woke the worker, and that sync is the network transition (it reports it, as its own source).
 */
export function boot(checkNetwork = true): Promise<void> {
  booting ??= (async () => {
    // The worker can read navigator.onLine itself: a change while no worker ran is a transition too. Looked
    // at on waking and queued at once: reports are applied in order, and a reconnect arriving during the
    // steps below must not be overtaken by this older look.
    const look = checkNetwork && !lookedAtNetwork && typeof navigator !== 'undefined' && typeof navigator.onLine === 'boolean';
    lookedAtNetwork = true;
    const network = look ? onSignals({ online: navigator.onLine }, 'worker') : releasePending();
    network.catch(() => undefined); // settled with the rest below
    // Independent: reconcile settles runs of earlier lifetimes, catch-up claims slots and records new runs.
    // Both write; a store that cannot take the writes (full, failing) must not hold every call hostage, the
    // read-only ones included: calls go on, and the next call after SETTLE_RETRY_MS boots again.
    // A worker still `activating` is a new version taking over: what the old one left running, the update
    // ended (servicingUpdate). Read from the worker's own state, not from which event came first: a page's
    // call may boot the new version before its activate event does.
    const updating = (globalThis as { serviceWorker?: { state?: string } }).serviceWorker?.state === 'activating';
    const [, work] = await Promise.all([reconcile(updating ? 'servicingUpdate' : 'terminating').catch(settleLater), catchUp().catch((error: unknown) => (settleLater(error), []))]);
    bootRuns = Promise.allSettled([...work, network]);
  })().catch((error: unknown) => {
    booting = undefined;
    throw error;
  });
  return booting;
}

/** How long after a start-up whose writes failed the next call tries them again. */
export const SETTLE_RETRY_MS = 1000;
let retrying: ReturnType<typeof setTimeout> | undefined;

function settleLater(error: unknown): void {
  log('start-up settling failed; tried again later', error);
  retrying ??= setTimeout(() => {
    retrying = undefined;
    booting = undefined;
  }, SETTLE_RETRY_MS);
}

/** The runs boot() started; whichever event woke the worker keeps it alive for them. */
export function bootWork(): Promise<unknown> {
  return bootRuns;
}

/** @internal For tests that simulate a restart. */
export function resetBoot(): void {
  booting = undefined;
  lookedAtNetwork = false;
  access = undefined;
  clearTimeout(retrying);
  retrying = undefined;
}

function methods(lifetime: Lifetime, callerId: string | undefined): WorkerApi {
  return {
    async hello() {
      return { protocol: PROTOCOL_VERSION, bootId, entryPoints: [...definitions.keys()] };
    },

    register(input) {
      return register(input);
    },

    async unregister(taskId, cancelTask) {
      if (typeof taskId !== 'string' || taskId === '') throw new BgkitError('invalid-argument', DEV ? 'unregister() needs a task id.' : '', { taskId });
      const removed = (await removeTasks([taskId])) > 0;
      if (cancelTask) cancelRuns('abort', new Set([taskId]));
      return removed;
    },

    async unregisterAll(cancelTask) {
      const ids = [...(await RegistrationStore.all()).keys()];
      const removed = await removeTasks(ids);
      if (cancelTask) cancelRuns('abort', new Set(ids));
      return removed;
    },

    async list() {
      const registrations = [...(await RegistrationStore.all()).values()];
      const used = new Set(registrations.map((r) => r.groupId));
      const groups: GroupRecord[] = (await RegistrationStore.groups()).filter((g) => used.has(g.id));
      return { registrations, groups };
    },

    async request(taskId, instanceId, args) {
      if (typeof instanceId !== 'string' || instanceId === '') {
        throw new BgkitError('invalid-argument', DEV ? 'request() needs an instance id.' : '', { instanceId });
      }
      // Reads first, checks after: between the last await and startRun() nothing may run, so two requests
      // (or a request and its own retry) cannot both find the task idle.
      // Every attempt looks for its id, not only a page's retry: a first attempt may carry an id already taken,
      // replayed by a script or a retry's, which pages are told before it runs (run.retry.instanceId).
      const seen = await PendingStore.isTaken(instanceId);
      const denied = DENIED.includes((await storedAccess()) as BackgroundAccessStatus);
      const registration = await RegistrationStore.get(taskId);
      // The id names a run or a pending trigger: answered as a retry of it (the page timed out on a restarting
      // worker, or the id was replayed), which stays as it is; nothing else starts.
      if (seen || isActive(instanceId)) return 'allowed';
      // The app's background access was refused (requestAccess() stored a denied status): Windows'
      // ApplicationTrigger answers DisabledByPolicy, and starts nothing.
      if (denied) return 'disabledByPolicy';
      if (!registration) {
        throw new BgkitError('not-registered', DEV ? MESSAGES.taskNotRegistered : '', { taskId });
      }
      if (registration.trigger.type !== 'application') {
        throw new BgkitError('invalid-trigger', !DEV ? '' : `Task "${registration.name}" is not started by an ApplicationTrigger.`, { taskId });
      }
      if (hasActiveRun(taskId)) return 'currentlyRunning';
      // A task without conditions starts before dispatch() first awaits, so no second request slips in.
      let started;
      try {
        started = await dispatch(registration, 'application', { arguments: args ?? {} }, instanceId);
      } catch (error) {
        // The id was taken meanwhile (by a run or a pending trigger, RunStore and PendingStore refuse to write
        // over either): a retry of what holds it, which stays as it is.
        if (isBgkitError(error, 'invalid-argument') && error.details?.taken) return 'allowed';
        throw error;
      }
      lifetime.keepAlive(started.done);
      return 'allowed';
    },

    async tick() {
      // Once a minute per page, read the registrations afresh: another worker version (during an update)
      // may have written them, and the heartbeat is what runs what fell due.
      RegistrationStore.forget();
      PendingStore.touched();
      lifetime.keepAlive(Promise.all([...(await catchUp()), releasePending()]));
    },

    async device() {
      return readDeviceState();
    },

    async devtools() {
      return { enabled: devtoolsEnabled() };
    },

    async simulate(simulation) {
      return runSimulation(simulation, lifetime);
    },

    async workCost() {
      return BackgroundWorkCost.current();
    },

    async pending() {
      return PendingStore.all();
    },

    async runs(query) {
      return RunStore.query(validateRunQuery(query ?? {}));
    },

    async getAccess() {
      return storedAccess();
    },

    async relay(signals) {
      validateSignals(signals);
      lifetime.keepAlive(onSignals(signals, 'page', 'reported', callerId));
    },

    async setAccess(status) {
      if (status !== null && !ACCESS_STATUSES.includes(status)) {
        throw new BgkitError('invalid-argument', !DEV ? '' : `Not a BackgroundAccessStatus: ${String(status)}.`, { status });
      }
      if (status === null) {
        await MetaStore.put('access', undefined);
        // Access removed (removeAccess(), which then unregisters every task): what runs goes with it.
        cancelRuns('uninstall');
      } else await MetaStore.put('access', status);
      access = Promise.resolve(status);
    },
  };
}

type WorkerApiAccess = Awaited<ReturnType<WorkerApi['getAccess']>>;

/** The stored access statuses under which an ApplicationTrigger request starts nothing (`disabledByPolicy`). */
const DENIED: readonly BackgroundAccessStatus[] = ['deniedByUser', 'deniedBySystemPolicy'];
// The stored access, read once per lifetime: every request looks at it, and only setAccess() changes it.
let access: Promise<WorkerApiAccess> | undefined;

function storedAccess(): Promise<WorkerApiAccess> {
  return (access ??= MetaStore.get('access')
    .then((stored) => stored ?? null)
    .catch((error: unknown) => {
      access = undefined;
      throw error;
    }));
}

/**
 * Wraps every method so it waits for boot and keeps the worker alive until it (and what it started) is done.
 * `callerId`: the window client that called (a page's relay needs it). A call's `attempt` is not needed: a
 * request looks for its id whatever the attempt says.
 */
export function createApi(lifetime: Lifetime, callerId?: string): WorkerApi {
  const api = methods(lifetime, callerId) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(api)) {
    wrapped[name] = (...args: unknown[]) => {
      const call = boot().then(() => {
        lifetime.keepAlive(bootWork());
        return fn(...args);
      });
      lifetime.keepAlive(call);
      return call;
    };
  }
  return wrapped as unknown as WorkerApi;
}

/**
 * Answers one call on its port: the value, or the error with its code. Resolves once the reply is posted; the
 * lifetime (and so the message event) stays open beyond that for whatever the call started.
 */
export async function answerCall(message: CallMessage, port: MessagePort, lifetime: Lifetime, callerId?: string): Promise<void> {
  let reply: CallReply;
  // Signs of life before the reply (see ACK_INTERVAL_MS): a page can then tell a worker that is working on
  // its call from one that was killed with it, and retry within seconds instead of after its timeout.
  let beat: ReturnType<typeof setInterval> | undefined;
  if (message.ack === true) {
    port.postMessage({ ack: 'received' } satisfies CallAck);
    beat = setInterval(() => port.postMessage({ ack: 'working' } satisfies CallAck), ACK_INTERVAL_MS);
  }
  try {
    if (message.v !== PROTOCOL_VERSION) {
      throw new BgkitError(
        'protocol-mismatch',
        !DEV ? '' : `This page speaks bgkit protocol ${String(message.v)} but the service worker speaks ${PROTOCOL_VERSION}: reload once the new worker is active.`,
        { page: message.v, worker: PROTOCOL_VERSION },
      );
    }
    const api = createApi(lifetime, callerId);
    if (!hasMethod(api, message.method)) {
      throw new BgkitError('invalid-argument', !DEV ? '' : `The service worker has no method "${String(message.method)}".`, { method: message.method });
    }
    const args: unknown[] = Array.isArray(message.args) ? message.args : [];
    const value = await (api[message.method] as (...a: unknown[]) => Promise<unknown>)(...args);
    reply = { ok: true, value };
  } catch (error) {
    // Every IndexedDB failure reaches the page coded (storage-full, storage-error), never as a bare DOMException.
    reply = { ok: false, error: serializeError(storageError(error)) };
  }
  clearInterval(beat);
  try {
    port.postMessage(reply);
  } catch (error) {
    // A value the structured clone cannot carry: say so rather than leave the page waiting for its timeout.
    port.postMessage({ ok: false, error: serializeError(error) } satisfies CallReply);
  }
  port.close();
}
