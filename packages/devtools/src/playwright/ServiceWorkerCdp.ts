// SPDX-License-Identifier: MIT
// The Chrome DevTools Protocol's ServiceWorker domain, for firing the events a browser fires itself.
// Facts it relies on (seen in Chromium 156): the domain exists on page sessions only, and registration ids
// are strings per browser context (observations no test pins; the type is the protocol's:
// https://chromedevtools.github.io/devtools-protocol/tot/ServiceWorker/); a dispatch resolves before the
// worker's waitUntil settles, and one sent to a wrong registration id is dropped without an error (the
// handler answers before it even looks the registration up:
// https://source.chromium.org/chromium/chromium/src/+/main:content/browser/devtools/protocol/service_worker_handler.cc),
// so this class looks the id up instead of guessing.
import type { CDPSession, Page } from 'playwright-core';
import { BgkitError } from '@bgkit/protocol';

export type RunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

interface Version {
  versionId: string;
  registrationId: string;
  scriptURL: string;
  runningStatus: RunningStatus;
  status: string;
}

interface Registration {
  registrationId: string;
  scopeURL: string;
  isDeleted: boolean;
}

/** A CDP session on a page, following the service workers of its browser context. */
export class ServiceWorkerCdp {
  readonly #session: CDPSession;
  readonly #origin: string;
  /** Made by attach(), so detach() ends it; a session passed to on() is its owner's to end. */
  readonly #owned: boolean;
  readonly #registrations = new Map<string, Registration>();
  readonly #versions = new Map<string, Version>();
  readonly #waiters = new Set<() => void>();

  private constructor(session: CDPSession, origin: string, owned: boolean) {
    this.#session = session;
    this.#origin = origin;
    this.#owned = owned;
    session.on('ServiceWorker.workerRegistrationUpdated', this.#onRegistrations);
    session.on('ServiceWorker.workerVersionUpdated', this.#onVersions);
  }

  readonly #onRegistrations = ({ registrations }: { registrations: Registration[] }) => {
    for (const r of registrations) this.#registrations.set(r.registrationId, r);
    this.#notify();
  };

  readonly #onVersions = ({ versions }: { versions: unknown[] }) => {
    for (const v of versions as Version[]) this.#versions.set(v.versionId, v);
    this.#notify();
  };

  /** Opens a session on `page` (any page of the context; its origin is the app's) and enables the domain. */
  static async attach(page: Page): Promise<ServiceWorkerCdp> {
    return ServiceWorkerCdp.#enable(await page.context().newCDPSession(page), new URL(page.url()).origin, true);
  }

  /** Uses an existing page session (which stays the caller's to detach) for the worker of `origin`. */
  static on(session: CDPSession, origin: string): Promise<ServiceWorkerCdp> {
    return ServiceWorkerCdp.#enable(session, origin, false);
  }

  static async #enable(session: CDPSession, origin: string, owned: boolean): Promise<ServiceWorkerCdp> {
    const cdp = new ServiceWorkerCdp(session, origin, owned);
    try {
      await session.send('ServiceWorker.enable');
    } catch (error) {
      await cdp.detach();
      throw error;
    }
    return cdp;
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  async #until<T>(find: () => T | undefined, what: string, timeout = 10_000): Promise<T> {
    const found = find();
    if (found !== undefined) return found;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = find();
        if (value === undefined) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new BgkitError('wait-timeout', `Timed out after ${timeout} ms waiting for ${what}`));
      }, timeout);
      this.#waiters.add(check);
    });
  }

  /** The id of the origin's live registration (the app's worker). */
  registrationId(): Promise<string> {
    return this.#until(() => {
      for (const r of this.#registrations.values()) {
        if (!r.isDeleted && new URL(r.scopeURL).origin === this.#origin) return r.registrationId;
      }
      return undefined;
    }, 'a service worker registration');
  }

  /** The active (activated) version of the app's worker. */
  async activeVersion(): Promise<Version> {
    const registrationId = await this.registrationId();
    return this.#until(
      () => [...this.#versions.values()].find((v) => v.registrationId === registrationId && v.status === 'activated'),
      'an activated service worker',
    );
  }

  async runningStatus(): Promise<RunningStatus> {
    return (await this.activeVersion()).runningStatus;
  }

  /**
   * Stops the worker as the browser does when it is idle or out of time: pending waitUntil work just dies. The
   * active version's, or the version given (an old one still running while a new one waits to take over).
   */
  async stopWorker(versionId?: string): Promise<void> {
    versionId ??= (await this.activeVersion()).versionId;
    await this.#session.send('ServiceWorker.stopWorker', { versionId });
    await this.#until(() => (this.#versions.get(versionId)?.runningStatus === 'stopped' ? true : undefined), 'the worker to stop');
  }

  async dispatchPeriodicSync(tag: string): Promise<void> {
    const registrationId = await this.registrationId();
    await this.#session.send('ServiceWorker.dispatchPeriodicSyncEvent', { origin: this.#origin, registrationId, tag });
  }

  async dispatchSync(tag: string, lastChance = false): Promise<void> {
    const registrationId = await this.registrationId();
    await this.#session.send('ServiceWorker.dispatchSyncEvent', { origin: this.#origin, registrationId, tag, lastChance });
  }

  async deliverPush(data: string): Promise<void> {
    const registrationId = await this.registrationId();
    await this.#session.send('ServiceWorker.deliverPushMessage', { origin: this.#origin, registrationId, data });
  }

  /** Stops following the workers; ends the session if attach() opened it. */
  async detach(): Promise<void> {
    this.#session.off('ServiceWorker.workerRegistrationUpdated', this.#onRegistrations);
    this.#session.off('ServiceWorker.workerVersionUpdated', this.#onVersions);
    if (this.#owned) await this.#session.detach().catch(() => undefined);
  }
}
