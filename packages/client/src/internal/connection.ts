// SPDX-License-Identifier: MIT
// The page's side of the RPC. Each call opens its own MessageChannel through a message to the active worker:
// posting to a stopped worker starts it, so nothing here can go stale across a worker restart, and the
// worker holds the message event open (waitUntil) for the call and any run it starts. A timeout guards
// each call, because a worker that dies mid-call never answers.
import {
  ACK_SILENCE_MS,
  BgkitError,
  type BgkitErrorCode,
  CALL,
  isCallAck,
  replyValue,
  PROTOCOL_VERSION,
  validateDuration,
  type CallMessage,
  type CallReply,
  type WorkerApi,
  MESSAGES,
} from '@bgkit/protocol';
import { DEV } from './dev.js';

export interface ClientOptions {
  /**
   * Milliseconds to wait for a worker answer (and for a registered worker to be found) before failing with
   * `sw-timeout` / `no-service-worker`. @default 10000
   */
  timeout: number;
  /**
   * Milliseconds a call waits for a worker that is still installing or waiting to activate (a first visit whose
   * precache is slow) before failing with `no-service-worker`, which names the state it was in. @default 60000
   */
  activationTimeout: number;
  /**
   * `false` stops this page's relay for its lifetime: its reports of what it sees of the device (network,
   * presence, time zone, power), its heartbeat every minute and on focus, and its `leaving` notice. The app's
   * other pages and the worker's own checks then serve system triggers and conditions. @default true
   */
  relay: false;
}

let callTimeout = 10_000;
let activationTimeout = 60_000;
let registration: Promise<ServiceWorkerRegistration> | undefined;
let registering: Promise<unknown> | undefined;

/** @internal registerServiceWorker() hands its registration here, so calls wait for it (and see its failure). */
export function awaitRegistration(pending: Promise<unknown>): void {
  registering = pending;
  registration = undefined;
}
/** Whether this page relays (relay.ts); configure({ relay: false }) stops it for the page's lifetime. */
export let relaying = true;
/** The scope of the worker this page talks to, once a call has found it. */
export let workerScope: string | undefined;

/** Configures how pages reach the service worker. Call it before the first bgkit call. */
export function configure(options: Partial<ClientOptions> = {}): void {
  if (typeof options !== 'object' || options === null) throw new BgkitError('invalid-argument', DEV ? MESSAGES.optionsObject('configure()') : '');
  for (const key of Object.keys(options)) {
    if (key !== 'timeout' && key !== 'activationTimeout' && key !== 'relay') throw new BgkitError('invalid-argument', DEV ? `configure() has no option "${key}".` : '', { option: key });
  }
  const { relay } = options;
  if (relay !== undefined && relay !== false) throw new BgkitError('invalid-argument', DEV ? 'configure(): relay can only be false (it is on by default).' : '', { relay });
  validateDuration('timeout', options.timeout);
  validateDuration('activationTimeout', options.activationTimeout);
  callTimeout = options.timeout ?? callTimeout;
  activationTimeout = options.activationTimeout ?? activationTimeout;
  registration = undefined;
  relaying &&= relay ?? true;
}

export function isSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof MessageChannel !== 'undefined';
}

export const TIMED_OUT = Symbol();

/** `promise`'s value, or TIMED_OUT when it has not settled within `ms` (0 or less: at once). */
export function within<T>(promise: T | Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([promise, new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(resolve, ms, TIMED_OUT)))]).finally(() => clearTimeout(timer));
}


/** What the page's registration's newest worker is doing: why no worker answers, when none does. */
async function workerState(): Promise<'installing' | 'waiting' | 'active' | 'none'> {
  const reg = await within(navigator.serviceWorker.getRegistration?.().catch(() => undefined), callTimeout);
  return reg === TIMED_OUT || !reg ? 'none' : reg.installing ? 'installing' : reg.waiting ? 'waiting' : reg.active ? 'active' : 'none';
}

/**
 * The app's worker registration with an active worker (after registerServiceWorker()'s own, when the app called
 * it). Waits `timeout` for one; a worker still installing or waiting then gets up to `activationTimeout` in
 * all, since a first visit's install may precache for longer than a call should take.
 */
export async function getRegistration(): Promise<ServiceWorkerRegistration> {
  if (!isSupported()) throw new BgkitError('unsupported-browser', DEV ? MESSAGES.noServiceWorkers : '');
  registration ??= (async () => {
    const started = Date.now();
    const ready = (async () => {
      try {
        await registering;
      } catch (cause) {
        throw new BgkitError('no-service-worker', DEV ? `The service worker could not be registered: ${String(cause)}` : '', undefined, { cause });
      }
      return navigator.serviceWorker.ready;
    })();
    // One bound for both waits: a worker script whose fetch stalls must not hold every call forever.
    let found = await within(ready, callTimeout);
    let state = found === TIMED_OUT ? await workerState() : 'active';
    if (state === 'installing' || state === 'waiting') {
      found = await within(ready, activationTimeout - (Date.now() - started));
      if (found === TIMED_OUT) state = await workerState();
    }
    if (found !== TIMED_OUT) return found;
    const waited = Date.now() - started;
    throw new BgkitError(
      'no-service-worker',
      !DEV
        ? ''
        : state === 'none'
          ? `No active service worker after ${waited} ms: register one (or call registerServiceWorker() from @bgkit/client/register).`
          : `No active service worker after ${waited} ms: it was still ${state} (configure({ activationTimeout }) waits longer).`,
      { state, waited },
    );
  })();
  registration.catch(() => (registration = undefined));
  return registration;
}

/**
 * Calls the worker. Every call is idempotent, so it can be posted again: when the worker gives no sign of life
 * for ACK_SILENCE_MS (killed between delivery and reply, or while starting), the call is posted anew on a fresh
 * channel at once, and whichever attempt answers first settles it. A worker that never acknowledges within the
 * timeout does not run bgkit (or died each time it started); one that did gets twice the timeout in all. A
 * worker replaced mid-call (an update activating) is asked anew.
 */
export async function call<K extends keyof WorkerApi>(
  method: K,
  ...args: Parameters<WorkerApi[K]>
): Promise<Awaited<ReturnType<WorkerApi[K]>>> {
  type Value = Awaited<ReturnType<WorkerApi[K]>>;
  const reg = await getRegistration();
  workerScope ??= reg.scope;
  const limit = callTimeout;
  const started = Date.now();
  const ports: MessagePort[] = [];
  const workers = new Set<ServiceWorker>();
  let acked = false;
  let attempt = 0;
  let replaced = 0;
  let settled = false;
  let silence: ReturnType<typeof setTimeout> | undefined;
  let onState: () => void;
  let asked: ServiceWorker | undefined;
  const result = new Promise<Value>((resolve, reject) => {
    const fail = (code: BgkitErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) =>
      reject(new BgkitError(code, message, { method, ...details }, { cause }));
    // A page's report (`relay`) is never posted again: a copy delivered late, to a worker started after the
    // page has gone, could carry a stale view of the network (e2e/demo/offline.spec.ts); the heartbeat
    // reports again anyway.
    const listen = () => {
      clearTimeout(silence);
      if (method != 'relay') silence = setTimeout(post, Math.min(ACK_SILENCE_MS, limit / 2));
    };
    onState = () => {
      // The worker asked last became redundant (a new version took over and dropped the call): ask the new one.
      if (asked?.state !== 'redundant') return;
      asked = undefined;
      if (++replaced > 2) fail('no-service-worker', DEV ? 'The service worker kept being replaced during the call.' : '');
      else post();
    };
    const post = (): void => {
      const worker = reg.active;
      if (settled) return;
      if (!worker) return fail('no-service-worker', DEV ? 'The service worker registration has no active worker.' : '');
      asked = worker;
      if (!workers.has(worker)) {
        workers.add(worker);
        worker.addEventListener?.('statechange', onState);
      }
      const { port1, port2 } = new MessageChannel();
      ports.push(port1);
      port1.onmessage = ({ data }) => {
        if (isCallAck(data)) return (acked = true), listen();
        try {
          resolve(replyValue(data as CallReply) as Value);
        } catch (error) {
          reject(error);
        }
      };
      try {
        worker.postMessage({ type: CALL, v: PROTOCOL_VERSION, method, args, attempt: attempt++, ack: true } satisfies CallMessage, [port2]);
      } catch (cause) {
        // Arguments the structured clone cannot carry (a function, a DOM node): the caller's mistake, said so.
        return fail('invalid-argument', DEV ? `The arguments of "${method}" cannot be sent to the service worker: ${String(cause)}` : '', {}, cause);
      }
      listen();
    };
    const giveUp = () => {
      const waited = Date.now() - started;
      if (acked && waited < 2 * limit) return void setTimeout(giveUp, 2 * limit - waited);
      const scriptURL = reg.active?.scriptURL;
      fail(
        'sw-timeout',
        !DEV
          ? ''
          : acked
            ? `The service worker acknowledged "${method}" but did not answer it within ${waited} ms.`
            : `The service worker ${scriptURL} did not acknowledge "${method}" within ${waited} ms: it does not run @bgkit/sw (import it at the top level of the worker), or it was stopped each time it started.`,
        { waited, acknowledged: acked, attempts: attempt, scriptURL },
      );
    };
    setTimeout(giveUp, limit);
    post();
  });
  try {
    return await result;
  } finally {
    settled = true;
    clearTimeout(silence);
    for (const worker of workers) worker.removeEventListener?.('statechange', onState!);
    for (const port of ports) port.close();
  }
}
