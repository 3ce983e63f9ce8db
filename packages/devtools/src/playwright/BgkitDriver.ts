// SPDX-License-Identifier: MIT
// A driver for developers' own Playwright tests: fire every trigger of a bgkit app and wait for its runs.
// It takes the browser's real path wherever Chromium has one (CDP ServiceWorker.*, Emulation, setOffline,
// a fake notification server) and the kit's simulation where it has none, and says which in each result.
import type { CDPSession, Page } from 'playwright-core';
import type {
  ApplicationTriggerResult,
  DeviceOverrides,
  PushSubscriptionJSON,
  RegistrationRecord,
  RunRecord,
  RunStatus,
  SimulatedFireDetails,
  Simulation,
  BackgroundFetchEventKind,
  WorkerApi,
} from '@bgkit/protocol';
import { BgkitError, periodicSyncTag, validateDuration, validateSimulation, type BackgroundTaskCancellationReason } from '@bgkit/protocol';
import { MAX_CLOCK_OFFSET_MS } from '@bgkit/protocol/validate';
import type { NotificationServer } from './notificationServer.js';
import { ServiceWorkerCdp } from './ServiceWorkerCdp.js';
import { workerCall } from './workerCall.js';

/** How an event reached the worker: the browser's own dispatch, or the kit's simulation of it. */
export type Via = 'real' | 'simulated';

export interface BgkitDriverOptions {
  /** A started fake notification server: notification clicks and closes are then real. */
  notifications?: NotificationServer;
  /** Milliseconds to wait for each worker answer. @default 10000 */
  timeout?: number;
}

export interface FireOutcome {
  via: Via;
  taskId: string;
  /** For an ApplicationTrigger task, as `request()` answers. */
  result?: ApplicationTriggerResult;
}

/** What `advanceTime()` and `resetTime()` did: the worker's kit clock after the move (ms ahead of real time, and its time). */
export interface ClockMove {
  via: 'simulated';
  offset: number;
  now: number;
}

/** What `changePushSubscription()` tells the worker: the subscriptions as `PushSubscription.toJSON()` gives them. */
export interface ChangePushSubscription {
  oldSubscription?: PushSubscriptionJSON | null;
  newSubscription?: PushSubscriptionJSON | null;
}

export type DeviceStateChange = Pick<DeviceOverrides, 'online' | 'userPresent' | 'onAC' | 'workCost' | 'timeZone'>;

export interface RunFilter {
  taskName?: string;
  status?: RunStatus | RunStatus[];
  /** Newest first; at most this many. @default 50 */
  limit?: number;
}

export interface WaitForRunOptions {
  /** The status to wait for. @default a finished one: completed, failed or canceled */
  status?: RunStatus | RunStatus[];
  /** @default 15000 */
  timeout?: number;
  /**
   * Only runs created at or after this time (ms since the epoch). By default: runs created since the call, and
   * runs the driver's last action started (created since that action began) that no earlier waitForRun()
   * returned; never an older run. To wait for a run a page action starts, start the wait first
   * (`const run = bgkit.waitForRun('Export'); await page.click('#export'); await run`), or pass the time taken
   * before the action.
   */
  since?: number;
}

const FINISHED: RunStatus[] = ['completed', 'failed', 'canceled'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class BgkitDriver {
  readonly page: Page;
  readonly #options: Required<Pick<BgkitDriverOptions, 'timeout'>> & BgkitDriverOptions;
  #cdp: Promise<ServiceWorkerCdp | null> | undefined;
  #pageSession: Promise<CDPSession | null> | undefined;
  #grants: CDPSession[] = [];
  /** When the driver's last action (one that can start runs) began; none yet: +Infinity. */
  #mark = Number.POSITIVE_INFINITY;
  /** Per task name, the action whose run a waitForRun() returned: that action's claim on the task is used up. */
  readonly #consumed = new Map<string, number>();

  private constructor(page: Page, options: BgkitDriverOptions) {
    this.page = page;
    this.#options = { timeout: 10_000, ...options };
  }

  /** A driver for the bgkit app in `page`. The page may still be blank: nothing is asked of it until used. */
  static async attach(page: Page, options: BgkitDriverOptions = {}): Promise<BgkitDriver> {
    options ??= {}; // null, from plain JavaScript, is no options
    validateDuration('timeout', options.timeout);
    return new BgkitDriver(page, options);
  }

  #call<K extends keyof WorkerApi>(method: K, ...args: Parameters<WorkerApi[K]>) {
    return workerCall(this.page, this.#options.timeout, method, ...args);
  }

  /** CDP's ServiceWorker domain on the page, or null where the browser has no CDP (Firefox, WebKit). */
  #serviceWorkerCdp(): Promise<ServiceWorkerCdp | null> {
    // On the driver's one page session; its origin is the page's when the driver first needs it.
    this.#cdp ??= this.#session().then((session) => session && ServiceWorkerCdp.on(session, new URL(this.page.url()).origin)).catch(() => null);
    return this.#cdp;
  }

  #session(): Promise<CDPSession | null> {
    this.#pageSession ??= this.page.context().newCDPSession(this.page).catch(() => null);
    return this.#pageSession;
  }

  #startAction(): void {
    this.#mark = Date.now();
  }

  async #simulate(simulation: Simulation) {
    return this.#call('simulate', simulation);
  }

  /** The registration of the task named `taskName`; fails with `not-registered` when there is none. */
  async registration(taskName: string): Promise<RegistrationRecord> {
    const { registrations } = await this.#call('list');
    const found = registrations.find((r) => r.name === taskName);
    if (!found) {
      throw new BgkitError('not-registered', `No task named "${taskName}" is registered (registered: ${registrations.map((r) => r.name).join(', ') || 'none'}).`, {
        taskName,
      });
    }
    return found;
  }

  /** The periodicsync tag bgkit uses for a time-triggered task. */
  async periodicSyncTag(taskName: string): Promise<string> {
    return periodicSyncTag((await this.registration(taskName)).taskId);
  }

  /**
   * Fires a task's own trigger now: an ApplicationTrigger through `request()` (with `details.arguments`),
   * any other trigger through the kit's simulation, which takes the same path (conditions included) as the
   * real event. `details`: `payload` for a push task; `action`, `tag`, `title`, `data` for a notification task.
   */
  async fire(taskName: string, details: SimulatedFireDetails | null = {}): Promise<FireOutcome> {
    this.#startAction();
    details ??= {};
    const registration = await this.registration(taskName);
    const { taskId } = registration;
    if (registration.trigger.type === 'application') {
      const result = await this.#call('request', taskId, crypto.randomUUID(), details.arguments ?? {});
      return { via: 'real', taskId, result };
    }
    const outcome = await this.#simulate({ kind: 'fire', taskId, details });
    return { via: 'simulated', taskId, ...(typeof outcome.result === 'string' ? { result: outcome.result } : {}) };
  }

  /**
   * Fires `backgroundfetch<event>` for a BackgroundFetchTrigger task, as if a Background Fetch the page started
   * for it had ended (or its UI was clicked): always simulated (no CDP command fires one), through the same
   * listener as the real event. `records`: the made-up records' URLs and statuses (null: no response). The
   * worker must have called enableBackgroundFetch() (else `trigger-not-enabled`).
   */
  async fireBackgroundFetch(
    taskName: string,
    event: BackgroundFetchEventKind,
    options: { records?: { url: string; status: number | null }[]; failureReason?: string; downloaded?: number } = {},
  ): Promise<{ via: Via; taskId: string }> {
    this.#startAction();
    const { taskId } = await this.registration(taskName);
    await this.#simulate({ kind: 'backgroundfetch', taskId, event, ...options });
    return { via: 'simulated', taskId };
  }

  /** Delivers a push message (an object is sent as JSON; null sends one without data). */
  async deliverPush(payload: string | object | null): Promise<{ via: Via }> {
    this.#startAction();
    const text = payload === null ? null : typeof payload === 'string' ? payload : JSON.stringify(payload);
    const cdp = await this.#serviceWorkerCdp();
    if (cdp && text !== '') {
      await cdp.deliverPush(text ?? '');
      return { via: 'real' };
    }
    await this.#simulate({ kind: 'push', payload: text });
    return { via: 'simulated' };
  }

  /** Fires `sync` for `tag` (Background Sync). */
  async dispatchSync(tag: string, { lastChance = false }: { lastChance?: boolean } = {}): Promise<{ via: Via }> {
    this.#startAction();
    const cdp = await this.#serviceWorkerCdp();
    if (cdp) {
      await this.#assertOnline('dispatchSync');
      await cdp.dispatchSync(tag, lastChance);
      return { via: 'real' };
    }
    await this.#simulate({ kind: 'sync', tag, lastChance });
    return { via: 'simulated' };
  }

  /** Fires `periodicsync` for `tag` (see `periodicSyncTag()` for a bgkit time trigger's tag). */
  async dispatchPeriodicSync(tag: string): Promise<{ via: Via }> {
    this.#startAction();
    const cdp = await this.#serviceWorkerCdp();
    if (cdp) {
      await this.#assertOnline('dispatchPeriodicSync');
      await cdp.dispatchPeriodicSync(tag);
      return { via: 'real' };
    }
    await this.#simulate({ kind: 'periodicsync', tag });
    return { via: 'simulated' };
  }

  /**
   * Fires `pushsubscriptionchange` (the push channel was reset): SystemTrigger `controlChannelReset` tasks run
   * with these subscriptions (as `PushSubscription.toJSON()` gives them; absent is null). Always simulated:
   * CDP's ServiceWorker domain has no command for it
   * (https://chromedevtools.github.io/devtools-protocol/tot/ServiceWorker/: `deliverPushMessage` only), and a
   * Playwright context cannot even hold a real subscription to reset: `pushManager.subscribe()` rejects in
   * `newContext()` (e2e/tests/control-channel-reset.spec.ts, "registers in Chromium, which has the Push API but
   * gives a test context no subscription to reset") and never settles in a persistent context (seen in
   * Chromium 156, pinned by no test). So no test can cause a real one.
   */
  async changePushSubscription(change: ChangePushSubscription | null = {}): Promise<{ via: Via }> {
    const { oldSubscription = null, newSubscription = null } = change ?? {}; // null, from plain JavaScript, is no change
    const simulation: Simulation = { kind: 'pushsubscriptionchange', oldSubscription, newSubscription };
    validateSimulation(simulation);
    this.#startAction();
    await this.#simulate(simulation);
    return { via: 'simulated' };
  }

  async #assertOnline(what: string): Promise<void> {
    // Chromium drops CDP sync dispatches made while the context is offline without a word: the emulated
    // dispatch is refused offline (CanEmulateSyncEvent in
    // https://source.chromium.org/chromium/chromium/src/+/main:content/browser/background_sync/background_sync_manager.cc)
    // after the command has already answered (ServiceWorkerCdp.ts).
    if (!(await this.page.evaluate(() => navigator.onLine))) throw new BgkitError('context-offline', `${what}: Chromium drops sync events dispatched while the context is offline; go online first.`);
  }

  /** The notification shown with `tag`, as the page's registration lists it. */
  /** The notification shown with `tag`; refused with `invalid-argument` when there is none. */
  async #shown(tag: string) {
    const shown = await this.page.evaluate(async ({ tag, timeout }) => {
      const registration = await Promise.race([navigator.serviceWorker.ready, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeout))]);
      if (!registration) return 'no-service-worker' as const;
      const [n] = await registration.getNotifications({ tag });
      if (!n) return null;
      const actions = ((n as Notification & { actions?: { action: string; title: string }[] }).actions ?? []).map((a) => ({ action: a.action, title: a.title }));
      return { title: n.title, data: n.data as unknown, actions };
    }, { tag, timeout: this.#options.timeout });
    if (shown === 'no-service-worker') throw new BgkitError('no-service-worker', `The page ${this.page.url()} has no active service worker.`);
    // A click on a notification that was never shown would run the task on an event no user could make.
    if (!shown) throw new BgkitError('invalid-argument', `No notification with tag "${tag}" is shown.`, { tag });
    return shown;
  }

  #serverId(title: string): Promise<number> {
    const server = this.#options.notifications!;
    return this.#until(
      () => server.shown.filter((n) => n.summary === title).at(-1)?.id,
      () => new BgkitError('wait-timeout', `The notification server never showed a notification titled "${title}".`, { title }),
      5_000,
    );
  }

  /**
   * Clicks the notification shown with `tag`: an action button by its `action` name, or its body without one.
   * Real (a trusted `notificationclick`) with a notification server, simulated otherwise.
   */
  async clickNotification({ tag, action = '' }: { tag: string; action?: string }): Promise<{ via: Via }> {
    this.#startAction();
    // Real or simulated, only what a user could click: a shown notification, and one of its actions.
    const shown = await this.#shown(tag);
    const label = action === '' ? 'default' : shown.actions.find((a) => a.action === action)?.title;
    if (label === undefined) throw new BgkitError('invalid-argument', `The notification "${tag}" has no action "${action}" (it has: ${shown.actions.map((a) => a.action).join(', ')}).`, { tag, action });
    if (this.#options.notifications) {
      this.#options.notifications.click(await this.#serverId(shown.title), label);
      return { via: 'real' };
    }
    await this.#simulate({ kind: 'notification', event: 'click', tag, action, title: shown.title, data: shown.data });
    return { via: 'simulated' };
  }

  /** Closes (dismisses) the notification shown with `tag`, as a user would. Real with a notification server. */
  async closeNotification({ tag }: { tag: string }): Promise<{ via: Via }> {
    this.#startAction();
    const shown = await this.#shown(tag);
    if (this.#options.notifications) {
      this.#options.notifications.dismiss(await this.#serverId(shown.title));
      return { via: 'real' };
    }
    await this.#simulate({ kind: 'notification', event: 'close', tag, title: shown.title, data: shown.data });
    return { via: 'simulated' };
  }

  /**
   * Changes what the app's worker believes of the device, and waits until it does. `online` is real
   * (`context.setOffline`: pages see it, and Chromium fires a real `sync` on reconnect:
   * e2e/tests/system-triggers.spec.ts, "with no page open, a real sync on reconnect wakes the worker and runs
   * internetAvailable"); `timeZone` is real in Chromium (CDP `Emulation.setTimezoneOverride`, which lasts
   * while this driver is attached: e2e/tests/driver.spec.ts, "setDeviceState() changes what the worker
   * believes, real where the browser can, and fires the system triggers"); the others are simulated (no
   * browser lets a test change them) and stay until `resetDeviceState()`.
   */
  async setDeviceState(change: DeviceStateChange): Promise<{ via: Partial<Record<keyof DeviceStateChange, Via>> }> {
    // Checked as the worker checks a simulation, before anything real (the network, the zone) is changed.
    validateSimulation({ kind: 'device', signals: change });
    if (change.timeZone !== undefined) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: change.timeZone });
      } catch (cause) {
        throw new BgkitError('invalid-argument', `setDeviceState: "${change.timeZone}" is not an IANA time zone.`, { timeZone: change.timeZone }, { cause });
      }
    }
    this.#startAction();
    const via: Partial<Record<keyof DeviceStateChange, Via>> = {};
    const simulated: DeviceOverrides = {};
    if (change.online !== undefined) {
      await this.page.context().setOffline(!change.online);
      via.online = 'real';
    }
    if (change.timeZone !== undefined) {
      const session = await this.#session();
      if (session) {
        await session.send('Emulation.setTimezoneOverride', { timezoneId: change.timeZone });
        // The page reports what it sees on focus; no event tells it the zone changed.
        await this.page.evaluate(() => window.dispatchEvent(new Event('focus')));
        via.timeZone = 'real';
      } else {
        simulated.timeZone = change.timeZone;
        via.timeZone = 'simulated';
      }
    }
    for (const key of ['userPresent', 'onAC', 'workCost'] as const) {
      if (change[key] === undefined) continue;
      (simulated as Record<string, unknown>)[key] = change[key];
      via[key] = 'simulated';
    }
    if (Object.keys(simulated).length) await this.#simulate({ kind: 'device', signals: simulated });
    await this.#until(async () => {
      const device = await this.#call('device');
      const cost = change.workCost === undefined || (await this.#call('workCost')) === change.workCost;
      const matches = (['online', 'userPresent', 'onAC', 'timeZone'] as const).every((k) => change[k] === undefined || device[k] === change[k]);
      return matches && cost ? true : undefined;
    }, (ms) => new BgkitError('wait-timeout', `Timed out after ${ms} ms waiting for the worker to see ${JSON.stringify(change)}.`));
    return { via };
  }

  /** Drops every simulated device field: the worker believes the pages' reports again. */
  async resetDeviceState(): Promise<void> {
    this.#startAction();
    await this.#simulate({ kind: 'resetDevice' });
  }

  /**
   * Moves the kit clock of the app's worker `ms` forward (simulated: no browser lets a test move a worker's
   * clock). Schedules, catch-up and time limits follow it, so a TimeTrigger or MaintenanceTrigger task whose
   * time has come runs at the worker's next catch-up: when it next starts (say after `stopServiceWorker()`),
   * or at an open page's heartbeat (each minute, and when a window of the app gets focus). A running task
   * whose time limit the move passes is canceled with `executionTimeExceeded`. The worker keeps the offset,
   * across restarts, until `resetTime()`. Refused with `devtools-disabled` as every simulation is, and with
   * `invalid-argument` when the clock would run more than MAX_CLOCK_OFFSET_MS (100 years) ahead, the clock
   * then staying where it was.
   */
  async advanceTime(ms: number): Promise<ClockMove> {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
      throw new BgkitError('invalid-argument', `advanceTime: ms must be a positive number of milliseconds (got ${String(ms)}).`, { ms });
    }
    this.#startAction();
    // Read, then set the absolute offset: a call retried after a worker restart moves the clock once.
    const { clock } = await this.#simulate({ kind: 'clock' });
    return this.#setClock((clock?.offset ?? 0) + ms);
  }

  /**
   * Runs what is due by the kit clock (time-triggered tasks, retries whose delay has passed, pending triggers
   * whose conditions hold), as an open page's heartbeat does each minute: `advanceTime()` then `runDue()`
   * makes a retry's backoff pass in a test. (A stopped worker's next start does the same.)
   */
  async runDue(): Promise<void> {
    this.#startAction();
    await this.#call('tick');
  }

  /** Puts the worker's kit clock back to real time. */
  async resetTime(): Promise<ClockMove> {
    this.#startAction();
    return this.#setClock(0);
  }

  async #setClock(offset: number): Promise<ClockMove> {
    // The worker refuses it too (validateSimulation); checked here for a message whatever the build.
    if (offset > MAX_CLOCK_OFFSET_MS) {
      throw new BgkitError('invalid-argument', `advanceTime: the kit clock may run at most ${MAX_CLOCK_OFFSET_MS} ms (100 years) ahead of real time; this move would put it ${offset} ms ahead.`, { offset, maximum: MAX_CLOCK_OFFSET_MS });
    }
    const { clock } = await this.#simulate({ kind: 'clock', offset });
    if (!clock) throw new BgkitError('protocol-mismatch', 'The service worker does not know the kit clock (an older @bgkit/sw).');
    return { via: 'simulated', ...clock };
  }

  /** Cancels a running run with a reason, as the system would. */
  async cancelRun(instanceId: string, reason: BackgroundTaskCancellationReason = 'abort'): Promise<boolean> {
    return (await this.#simulate({ kind: 'cancel', instanceId, reason })).result === true;
  }

  /**
   * Grants Periodic Background Sync to the page's origin (Chromium otherwise grants it only to installed
   * apps: e2e/tests/triggers.spec.ts, "without periodic sync, an overdue task runs when the worker next wakes
   * (catch-up)"; and Playwright has no name for the permission:
   * https://playwright.dev/docs/api/class-browsercontext#browser-context-grant-permissions). Grant it before
   * the app registers its time triggers, so they are scheduled with the browser; it lasts until `detach()`.
   */
  async grantPeriodicSync(origin = new URL(this.page.url()).origin): Promise<void> {
    const browser = this.page.context().browser();
    const session = await this.#session();
    if (!browser || !session) throw new BgkitError('unsupported-browser', 'grantPeriodicSync() needs Chromium launched by Playwright (the CDP Browser domain).');
    const { targetInfo } = await session.send('Target.getTargetInfo');
    const browserSession = await browser.newBrowserCDPSession();
    await browserSession.send('Browser.setPermission', {
      origin,
      browserContextId: targetInfo.browserContextId,
      permission: { name: 'periodic-background-sync' },
      setting: 'granted',
    });
    this.#grants.push(browserSession);
  }

  /** Stops the worker as the browser does when it is idle or out of time (Chromium only). */
  async stopServiceWorker(): Promise<void> {
    const cdp = await this.#serviceWorkerCdp();
    if (!cdp) throw new BgkitError('unsupported-browser', 'stopServiceWorker() needs Chromium (the CDP ServiceWorker domain).');
    // An action: the runs the next wake starts (settling the killed runs, catching up) are what a test waits for.
    this.#startAction();
    await cdp.stopWorker();
  }

  /** The run history, newest first. */
  async runs(filter: RunFilter = {}): Promise<RunRecord[]> {
    const taskId = filter.taskName === undefined ? undefined : (await this.registration(filter.taskName)).taskId;
    return this.#call('runs', {
      ...(taskId ? { taskId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.limit ? { limit: filter.limit } : {}),
    });
  }

  /**
   * Waits for a run of `taskName` created since the driver's last action (or `since`) to reach `status`
   * (by default: to finish), and returns it. A CDP dispatch returns before the handler ends; this does not.
   */
  async waitForRun(taskName: string, options: WaitForRunOptions = {}): Promise<RunRecord> {
    options ??= {};
    validateDuration('timeout', options.timeout);
    const { timeout = 15_000, since } = options;
    const called = Date.now();
    const mark = this.#mark;
    const claimed = this.#consumed.get(taskName) !== mark;
    // Without `since`: a run created since this call, one that had not finished when it began (a run a kill
    // will settle, say), or one the driver's last action started while no wait has yet returned that action's
    // run of this task; never one that had finished before, unasked.
    const eligible = (r: RunRecord) =>
      since === undefined
        ? r.createdAt >= called || r.finishedAt === null || r.finishedAt >= called || (claimed && r.createdAt >= mark)
        : r.createdAt >= since;
    const statuses = options.status === undefined ? FINISHED : ([] as RunStatus[]).concat(options.status);
    let seen: RunRecord[] = [];
    const run = await this.#until(
      async () => {
        const registration = await this.registration(taskName).catch(() => undefined);
        const runs = registration
          ? await this.#call('runs', { taskId: registration.taskId, limit: 100 })
          : // A one-shot task is unregistered after its run: look for it in the whole history.
            (await this.#call('runs', { limit: 200 })).filter((r) => r.name === taskName);
        seen = runs.filter(eligible);
        // Oldest first: the run the last action started, not a later one.
        return seen.reverse().find((r) => statuses.includes(r.status));
      },
      () =>
        new BgkitError(
          'wait-timeout',
          `No run of "${taskName}" reached ${statuses.join('/')} within ${timeout} ms; since then: ${seen.map((r) => `${r.status} (${r.source})`).join(', ') || 'no runs'}.`,
        ),
      timeout,
      100,
    );
    // A finished run is done with; one returned while it still runs may be waited for again (to see it end).
    if (FINISHED.includes(run.status)) this.#consumed.set(taskName, mark);
    return run;
  }

  /** Polls `probe` until it gives a value, or fails with `fail(timeout)` once `timeout` has passed. */
  async #until<T>(probe: () => T | undefined | Promise<T | undefined>, fail: (timeout: number) => BgkitError, timeout = 10_000, interval = 50): Promise<T> {
    const end = Date.now() + timeout;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > end) throw fail(timeout);
      await sleep(interval);
    }
  }

  /** Ends the driver's CDP sessions (and with them a time-zone override and a periodic sync grant). */
  async detach(): Promise<void> {
    for (const grant of this.#grants.splice(0)) await grant.detach().catch(() => undefined);
    await (await this.#cdp)?.detach();
    await (await this.#pageSession)?.detach().catch(() => undefined);
  }
}
