// SPDX-License-Identifier: MIT
// The page's side of the RPC. Each call opens its own MessageChannel through a message to the active worker:
// posting to a stopped worker starts it, so nothing here can go stale across a worker restart, and the
// worker holds the connecting event open (waitUntil) for the call and any run it starts. comlink carries the
// call; a timeout guards it, because a comlink call to a worker that dies mid-call never settles.
import { releaseProxy, wrap, transferHandlers, type Remote } from 'comlink';
import { BgkitError, CONNECT, installErrorTransfer, isBgkitError, PROTOCOL_VERSION, validateDuration, type WorkerApi } from '@bgkit/sw/protocol';

export interface ServiceWorkerOptions {
  /** The worker script's URL. */
  url: string;
  scope?: string;
  /** `'module'` for an ES-module worker. @default 'classic' */
  type?: WorkerType;
}

export interface ClientOptions {
  /**
   * Milliseconds to wait for a worker answer (and for a worker to become active) before failing with
   * `sw-timeout` / `no-service-worker`. @default 10000
   */
  timeout: number;
  /** Set it to have bgkit register the worker (through workbox-window); leave it unset to use the app's own. */
  serviceWorker: ServiceWorkerOptions | undefined;
}

const settings: ClientOptions = { timeout: 10_000, serviceWorker: undefined };
let registration: Promise<ServiceWorkerRegistration> | undefined;
let scope: string | undefined;

/** The scope of the worker this page talks to, once a call has found it. */
export function knownScope(): string | undefined {
  return scope;
}

/** Configures how pages reach the service worker. Call it before the first bgkit call. */
export function configure(options: Partial<ClientOptions>): void {
  validateDuration('timeout', options.timeout);
  if (options.serviceWorker !== undefined && typeof options.serviceWorker?.url !== 'string') {
    throw new BgkitError('invalid-argument', 'serviceWorker.url must be the worker script URL.');
  }
  Object.assign(settings, options);
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

/** The app's worker registration (registered through workbox-window first, when configured so). */
export function getRegistration(): Promise<ServiceWorkerRegistration> {
  if (!isSupported()) {
    return Promise.reject(new BgkitError('unsupported-browser', 'This browser has no service workers, so bgkit cannot run background tasks here.'));
  }
  registration ??= (async () => {
    const sw = settings.serviceWorker;
    if (sw) {
      // Loaded only when asked for, so apps that register their own worker never download it.
      const { Workbox } = await import('workbox-window');
      await new Workbox(sw.url, { scope: sw.scope, type: sw.type }).register({ immediate: true });
    }
    return timeout(navigator.serviceWorker.ready, settings.timeout, () =>
      new BgkitError('no-service-worker', `No active service worker after ${settings.timeout} ms: register one (or pass serviceWorker to configure()).`),
    );
  })();
  registration.catch(() => (registration = undefined));
  return registration;
}

installErrorTransfer(transferHandlers as never);

const inFlight = new Set<unknown>();

/** Calls the worker. Retries once, on a fresh connection, when the first attempt timed out (every call is idempotent). */
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
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ type: CONNECT, v: PROTOCOL_VERSION }, [port2]);
    const remote = wrap<WorkerApi>(port1) as Remote<WorkerApi>;
    // comlink releases an endpoint once its proxies are garbage-collected, and the worker then closes its
    // side: a reply still on its way is dropped. Nothing here touches `remote` after the await, so hold it.
    inFlight.add(remote);
    // A worker that becomes redundant (a new version took over) drops the call: ask the new one at once.
    let onState: (() => void) | undefined;
    const superseded = new Promise<'superseded'>((resolve) => {
      onState = () => worker.state === 'redundant' && resolve('superseded');
      worker.addEventListener?.('statechange', onState);
    });
    try {
      const fn = remote[method] as unknown as (...a: unknown[]) => Promise<Awaited<ReturnType<WorkerApi[K]>>>;
      const answer = await timeout(Promise.race([fn(...args), superseded]), settings.timeout, () =>
        new BgkitError('sw-timeout', `The service worker did not answer "${method}" within ${settings.timeout} ms.`, { method }),
      );
      if (answer !== 'superseded') return answer as Awaited<ReturnType<WorkerApi[K]>>;
      replaced++;
    } catch (error) {
      if (!isBgkitError(error, 'sw-timeout')) throw error;
      lastError = error;
      attempt++;
    } finally {
      inFlight.delete(remote);
      worker.removeEventListener?.('statechange', onState!);
      // Lets the worker close its side now; our side closes when it answers (or with the page).
      remote[releaseProxy]();
    }
  }
  throw lastError ?? new BgkitError('no-service-worker', 'The service worker kept being replaced during the call.');
}
