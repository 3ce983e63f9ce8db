// SPDX-License-Identifier: MIT
// The page's side of the RPC. Each call opens its own MessageChannel through a message to the active worker:
// posting to a stopped worker starts it, so nothing here can go stale across a worker restart, and the
// worker holds the message event open (waitUntil) for the call and any run it starts. A timeout guards
// each call, because a worker that dies mid-call never answers.
import {
  BgkitError,
  CALL,
  replyValue,
  isBgkitError,
  PROTOCOL_VERSION,
  validateDuration,
  type CallMessage,
  type CallReply,
  type WorkerApi,
} from '@bgkit/sw/protocol';

export interface ClientOptions {
  /**
   * Milliseconds to wait for a worker answer (and for a worker to become active) before failing with
   * `sw-timeout` / `no-service-worker`. @default 10000
   */
  timeout: number;
}

let callTimeout = 10_000;
let registration: Promise<ServiceWorkerRegistration> | undefined;
let registering: Promise<unknown> | undefined;

/** @internal registerServiceWorker() hands its registration here, so calls wait for it (and see its failure). */
export function awaitRegistration(pending: Promise<unknown>): void {
  registering = pending;
  registration = undefined;
}
/** The scope of the worker this page talks to, once a call has found it. */
export let workerScope: string | undefined;

/** Configures how pages reach the service worker. Call it before the first bgkit call. */
export function configure(options: Partial<ClientOptions> = {}): void {
  if (typeof options !== 'object' || options === null) throw new BgkitError('invalid-argument', 'configure() takes an options object.');
  for (const key of Object.keys(options)) {
    if (key !== 'timeout') {
      // serviceWorker was an option once: say what replaced it.
      const instead = key === 'serviceWorker' ? ': call registerServiceWorker() from @bgkit/client/register instead' : '';
      throw new BgkitError('invalid-argument', `configure() has no option "${key}"${instead}.`, { option: key });
    }
  }
  validateDuration('timeout', options.timeout);
  callTimeout = options.timeout ?? callTimeout;
  registration = undefined;
}

export function isSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof MessageChannel !== 'undefined';
}

/** Rejects with `error()` when `promise` has not settled within `ms`. */
export function timeout<T>(promise: Promise<T>, ms: number, error: () => BgkitError): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(error()), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** The app's worker registration (after registerServiceWorker()'s own, when the app called it). */
export async function getRegistration(): Promise<ServiceWorkerRegistration> {
  if (!isSupported()) throw new BgkitError('unsupported-browser', 'This browser has no service workers, so bgkit cannot run background tasks here.');
  // One bound for both waits: a worker script whose fetch stalls must not hold every call forever.
  registration ??= timeout(
    (async () => {
      if (registering) {
        try {
          await registering;
        } catch (cause) {
          throw new BgkitError('no-service-worker', `The service worker could not be registered: ${String(cause)}`, undefined, { cause });
        }
      }
      return navigator.serviceWorker.ready;
    })(),
    callTimeout,
    () => new BgkitError('no-service-worker', `No active service worker after ${callTimeout} ms: register one (or call registerServiceWorker() from @bgkit/client/register).`),
  );
  registration.catch(() => (registration = undefined));
  return registration;
}

/** Calls the worker. Retries once, on a fresh channel, when the first attempt timed out (every call is idempotent). */
export async function call<K extends keyof WorkerApi>(
  method: K,
  ...args: Parameters<WorkerApi[K]>
): Promise<Awaited<ReturnType<WorkerApi[K]>>> {
  const reg = await getRegistration();
  workerScope ??= reg.scope;
  // One retry after a timeout; a few more when the worker was replaced mid-call (an update activating).
  for (let attempt = 0, replaced = 0; ; ) {
    const worker = reg.active;
    if (!worker) throw new BgkitError('no-service-worker', 'The service worker registration has no active worker.');
    const { port1, port2 } = new MessageChannel();
    let onState: (() => void) | undefined;
    try {
      // The worker's one reply; undefined when the worker became redundant (a new version took over and
      // dropped the call), so that the new one is asked at once.
      const reply = await timeout(
        new Promise<CallReply | undefined>((resolve, reject) => {
          port1.onmessage = (event) => resolve(event.data as CallReply);
          onState = () => worker.state === 'redundant' && resolve(undefined);
          worker.addEventListener?.('statechange', onState);
          try {
            worker.postMessage({ type: CALL, v: PROTOCOL_VERSION, method, args, attempt: attempt + replaced } satisfies CallMessage, [port2]);
          } catch (cause) {
            // Arguments the structured clone cannot carry (a function, a DOM node): the caller's mistake, said so.
            reject(new BgkitError('invalid-argument', `The arguments of "${method}" cannot be sent to the service worker: ${String(cause)}`, { method }, { cause }));
          }
        }),
        callTimeout,
        () => new BgkitError('sw-timeout', `The service worker did not answer "${method}" within ${callTimeout} ms.`, { method }),
      );
      if (reply) return replyValue(reply) as Awaited<ReturnType<WorkerApi[K]>>;
      if (++replaced > 2) throw new BgkitError('no-service-worker', 'The service worker kept being replaced during the call.');
    } catch (error) {
      if (!isBgkitError(error, 'sw-timeout') || ++attempt > 1) throw error;
    } finally {
      worker.removeEventListener?.('statechange', onState!);
      port1.close();
    }
  }
}
