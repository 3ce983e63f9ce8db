// SPDX-License-Identifier: MIT
// Registering the app's service worker through workbox-window, for apps that do not register it themselves.
// A separate entry point: apps that register their own worker never bundle workbox-window.
import { Workbox } from 'workbox-window';
import { BgkitError, MESSAGES } from '@bgkit/protocol';
import { BackgroundExecutionManager } from './BackgroundExecutionManager.js';
import { awaitRegistration, isSupported, TIMED_OUT, within } from './internal/connection.js';
import { DEV } from './internal/dev.js';

export interface ServiceWorkerOptions {
  scope?: string;
  /** `'module'` for an ES-module worker. @default 'classic' */
  type?: WorkerType;
}

/**
 * Registers the service worker at `url` (through workbox-window, which handles its update lifecycle) and
 * has every bgkit call wait for it. Returns the `Workbox`, for the app's own update prompts.
 *
 * @example
 * import { registerServiceWorker } from '@bgkit/client/register';
 * registerServiceWorker('/sw.js', { type: 'module' });
 */
export function registerServiceWorker(url: string, options: ServiceWorkerOptions = {}): Workbox {
  if (typeof url !== 'string' || url === '') {
    throw new BgkitError('invalid-argument', DEV ? 'registerServiceWorker() needs the worker script URL.' : '', { url });
  }
  // workbox-window reaches for navigator.serviceWorker as soon as it is constructed.
  if (!isSupported()) throw new BgkitError('unsupported-browser', DEV ? MESSAGES.noServiceWorkers : '');
  const workbox = new Workbox(url, options);
  const registered = workbox.register({ immediate: true });
  // Seen by the first bgkit call; an app that never makes one must not get an unhandled rejection.
  registered.catch(() => undefined);
  awaitRegistration(registered);
  return workbox;
}

/** How long unregisterServiceWorker() waits for each of the browser's answers. */
const UNREGISTER_LIMIT_MS = 10_000;

/**
 * Unregisters the page's service worker (the one bgkit's calls go to), after telling bgkit: what runs is
 * canceled with `uninstall`, every task is unregistered (its periodic syncs too) and the access forgotten, as
 * `BackgroundExecutionManager.removeAccess()` does. A worker gets no event when it is unregistered, so a bare
 * `registration.unregister()` leaves its runs to end with it (`terminating`, if a later worker settles them)
 * and its tasks in IndexedDB for a later install. Resolves with what `unregister()` answered (false: none).
 */
export async function unregisterServiceWorker(): Promise<boolean> {
  if (!isSupported()) return false;
  // Bounded like every public call (the browser's answers are promises nothing else bounds): no answer is
  // no registration, and an unregister() that does not answer in time is reported as not done.
  const registration = await within(navigator.serviceWorker.getRegistration(), UNREGISTER_LIMIT_MS);
  if (registration === TIMED_OUT || !registration) return false;
  if (registration.active) await BackgroundExecutionManager.removeAccess();
  return (await within(registration.unregister(), UNREGISTER_LIMIT_MS)) === true;
}
