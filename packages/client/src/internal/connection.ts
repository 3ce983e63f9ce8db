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

const settings: ClientOptions = { timeout: 10_000 };
let registration: Promise<ServiceWorkerRegistration> | undefined;
let registering: Promise<unknown> | undefined;

/** @internal registerServiceWorker() hands its registration here, so calls wait for it (and see its failure). */
export function awaitRegistration(pending: Promise<unknown>): void {
  registering = pending;
  registration = undefined;
}
let scope: string | undefined;

/** The scope of the worker this page talks to, once a call has found it. */
export function knownScope(): string | undefined {
  return scope;
}

/** Configures how pages reach the service worker. Call it before the first bgkit call. */
export function configure(options: Partial<ClientOptions> = {}): void {
  if (typeof options !== 'object' || options === null) throw new BgkitError('invalid-argument', 'configure() takes an options object.');
  for (const key of Object.keys(options)) {
    if (key === 'serviceWorker') {
      throw new BgkitError('invalid-argument', 'configure({ serviceWorker }) is gone: call registerServiceWorker(url) from @bgkit/client/register instead.');
    }
    if (key !== 'timeout') throw new BgkitError('invalid-argument', `configure() has no option "${key}".`, { option: key });
  }
  validateDuration('timeout', options.timeout);
  if (options.timeout !== undefined) settings.timeout = options.timeout;
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
export function getRegistration(): Promise<ServiceWorkerRegistration> {
  if (!isSupported()) {
    return Promise.reject(new BgkitError('unsupported-browser', 'This browser has no service workers, so bgkit cannot run background tasks here.'));
  }
  registration ??= (async () => {
    if (registering) {
      try {
        await registering;
      } catch (cause) {
        throw new BgkitError('no-service-worker', `The service worker could not be registered: ${String(cause)}`, undefined, { cause });
      }
    }
    return timeout(navigator.serviceWorker.ready, settings.timeout, () =>
      new BgkitError('no-service-worker', `No active service worker after ${settings.timeout} ms: register one (or call registerServiceWorker() from @bgkit/client/register).`),
    );
  })();
  registration.catch(() => (registration = undefined));
  return registration;
}

/** Posts one call to `worker` on a channel of its own; resolves with the worker's one reply. */
function send(worker: ServiceWorker, message: CallMessage): { reply: Promise<CallReply>; close(): void } {
  const { port1, port2 } = new MessageChannel();
  const reply = new Promise<CallReply>((resolve) => {
    port1.onmessage = (event) => resolve(event.data as CallReply);
  });
  try {
    worker.postMessage(message, [port2]);
  } catch (cause) {
    port1.close();
    // Arguments the structured clone cannot carry (a function, a DOM node): the caller's mistake, said so.
    throw new BgkitError('invalid-argument', `The arguments of "${message.method}" cannot be sent to the service worker: ${String(cause)}`, { method: message.method }, { cause });
  }
  return { reply, close: () => port1.close() };
}

/** Calls the worker. Retries once, on a fresh channel, when the first attempt timed out (every call is idempotent). */
export async function call<K extends keyof WorkerApi>(
  method: K,
  ...args: Parameters<WorkerApi[K]>
): Promise<Awaited<ReturnType<WorkerApi[K]>>> {
  const reg = await getRegistration();
  scope ??= reg.scope;
  let lastError: unknown;
  // One retry after a timeout; a few more when the worker was replaced mid-call (an update activating).
  for (let attempt = 0, replaced = 0; attempt < 2 && replaced < 3; ) {
    const worker = reg.active;
    if (!worker) throw new BgkitError('no-service-worker', 'The service worker registration has no active worker.');
    const channel = send(worker, { type: CALL, v: PROTOCOL_VERSION, method, args, attempt: attempt + replaced });
    // A worker that becomes redundant (a new version took over) drops the call: ask the new one at once.
    let onState: (() => void) | undefined;
    const superseded = new Promise<'superseded'>((resolve) => {
      onState = () => worker.state === 'redundant' && resolve('superseded');
      worker.addEventListener?.('statechange', onState);
    });
    try {
      const answer = await timeout(Promise.race([channel.reply, superseded]), settings.timeout, () =>
        new BgkitError('sw-timeout', `The service worker did not answer "${method}" within ${settings.timeout} ms.`, { method }),
      );
      if (answer === 'superseded') {
        replaced++;
        continue;
      }
      return replyValue(answer) as Awaited<ReturnType<WorkerApi[K]>>;
    } catch (error) {
      if (!isBgkitError(error, 'sw-timeout')) throw error;
      lastError = error;
      attempt++;
    } finally {
      worker.removeEventListener?.('statechange', onState!);
      channel.close();
    }
  }
  throw lastError ?? new BgkitError('no-service-worker', 'The service worker kept being replaced during the call.');
}
