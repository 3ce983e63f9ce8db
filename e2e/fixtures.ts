import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { BgkitDriver, ServiceWorkerCdp } from '@bgkit/devtools/playwright';
import type * as ClientDevtools from '@bgkit/client/devtools';
import type { RetryPolicyInit, SystemConditionType, TriggerSpec } from '@bgkit/sw/protocol';
import { bgkitDatabase, openApp } from './support/page'; // also declares window.bgkit
export { openApp };

declare global {
  interface Window {
    /** The test app's devtools client (`window.bgkit` is declared in support/page). */
    devtools: typeof ClientDevtools;
  }
}


/**
 * Grants Periodic Background Sync to the page's origin (through the driver, which holds the grant until it is
 * detached): `const grant = await grantPeriodicSync(page); …; await grant.detach()`.
 */
export async function grantPeriodicSync(page: Page): Promise<BgkitDriver> {
  const driver = await BgkitDriver.attach(page);
  await driver.grantPeriodicSync();
  return driver;
}

/** Moves a time-triggered task's stored schedule a minute into the past, as if its time had come. */
export function makeOverdue(page: Page, taskId: string) {
  return page.evaluate(async ([taskId, database]) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(database);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = db.transaction('registrations', 'readwrite').objectStore('registrations');
    await new Promise<void>((resolve, reject) => {
      const get = store.get(taskId);
      get.onsuccess = () => {
        const record = get.result;
        record.schedule.nextRunTime = Date.now() - 60_000;
        const put = store.put(record);
        put.onsuccess = () => resolve();
        put.onerror = () => reject(put.error);
      };
    });
    db.close();
  }, [taskId, bgkitDatabase(page.url())] as const);
}

/**
 * Stands in for the test app's API and records what reached it. Routing answers before Chromium's offline
 * emulation is consulted, so while "offline" it fails requests the way a dead network does.
 */
export async function fakeOutbox(context: BrowserContext) {
  const outbox = { received: [] as string[], offline: false };
  await context.route('**/api/outbox', async (route) => {
    if (outbox.offline) return route.abort('internetdisconnected');
    outbox.received.push(route.request().postData() ?? '');
    await route.fulfill({ status: 201, body: '{}' });
  });
  return outbox;
}

export async function setOffline(context: BrowserContext, outbox: { offline: boolean }, offline: boolean) {
  outbox.offline = offline;
  await context.setOffline(offline);
}

/** Registers (or reuses) a task on `outbox.send` and runs it once; resolves with how it ended. */
export function sendThroughOutbox(page: Page, text: string, isNetworkRequested = true) {
  return page.evaluate(
    async ({ text, isNetworkRequested }) => {
      const { BackgroundTaskBuilder, ApplicationTrigger } = window.bgkit;
      const builder = new BackgroundTaskBuilder();
      builder.name = isNetworkRequested ? 'Send' : 'Send without network';
      builder.taskEntryPoint = 'outbox.send';
      builder.isNetworkRequested = isNetworkRequested;
      const trigger = new ApplicationTrigger();
      builder.setTrigger(trigger);
      const registration = await builder.register();
      const done = new Promise<{ status: string; run: { result?: unknown; error?: { code?: string } } }>((resolve) =>
        registration.addEventListener('completed', (e) => resolve({ status: e.status, run: e.run })),
      );
      await trigger.request({ text });
      return done;
    },
    { text, isNetworkRequested },
  );
}

/**
 * Registers (or reuses) an ApplicationTrigger task through the public client of the page, requests it once
 * with `args` and resolves with the answer and how the run ended (its result, or its error's code).
 */
export function requestOnce(page: Page, name: string, entryPoint: string, args: Record<string, unknown> = {}) {
  return page.evaluate(
    async ({ name, entryPoint, args }) => {
      const { BackgroundTaskBuilder, ApplicationTrigger } = window.bgkit;
      const builder = new BackgroundTaskBuilder();
      builder.name = name;
      builder.taskEntryPoint = entryPoint;
      const trigger = new ApplicationTrigger();
      builder.setTrigger(trigger);
      const registration = await builder.register();
      const done = new Promise<{ status: string; run: import('@bgkit/client').BackgroundTaskRun }>((resolve) =>
        registration.addEventListener('completed', (e) => resolve({ status: e.status, run: e.run })),
      );
      const requested = await trigger.request(args);
      const { status, run } = await done;
      return { taskId: registration.taskId, requested, status, run, result: run.result, code: (run.error as { code?: string } | undefined)?.code };
    },
    { name, entryPoint, args },
  );
}

/** Runs the test app's `notify.digest` task once (it shows a notification with actions); resolves with how it ended. */
export async function runDigest(page: Page, count: number) {
  const { taskId, status, run } = await requestOnce(page, 'Digest', 'notify.digest', { count });
  return { taskId, status, run };
}

export interface TaskSpec {
  name: string;
  entryPoint: string;
  /** Not backgroundFetch: its trigger class is in @bgkit/client/background-fetch (e2e/tests/background-fetch.spec.ts). */
  trigger: Exclude<TriggerSpec, { type: 'backgroundFetch' }>;
  conditions?: SystemConditionType[];
  cancelOnConditionLoss?: boolean;
  group?: string;
  retryPolicy?: RetryPolicyInit;
}

export interface RegisteredTask {
  taskId: string;
  /** The registration's condition types, in the order they were added. */
  conditions: SystemConditionType[];
  /** When a time or maintenance trigger is next due (ms since the epoch); null for the other triggers. */
  nextRunTime: number | null;
  /** How a time or maintenance trigger is scheduled; null for the other triggers. */
  scheduledVia: 'periodicsync' | 'catch-up' | null;
}

/** Registers a task in the page through the public API, the trigger built from its description. */
export function registerTask(page: Page, spec: TaskSpec): Promise<RegisteredTask> {
  return page.evaluate(async (spec) => {
    const k = window.bgkit;
    const { trigger: t } = spec;
    const trigger =
      t.type === 'application' ? new k.ApplicationTrigger()
      : t.type === 'time' ? new k.TimeTrigger(t.freshnessTime, t.oneShot)
      : t.type === 'maintenance' ? new k.MaintenanceTrigger(t.freshnessTime, t.oneShot)
      : t.type === 'push' ? new k.PushNotificationTrigger()
      : t.type === 'toastAction' ? new k.ToastNotificationActionTrigger()
      : t.type === 'toastHistoryChanged' ? new k.ToastNotificationHistoryChangedTrigger()
      : new k.SystemTrigger(t.systemType, t.oneShot);
    const builder = new k.BackgroundTaskBuilder();
    builder.name = spec.name;
    builder.taskEntryPoint = spec.entryPoint;
    builder.setTrigger(trigger);
    for (const type of spec.conditions ?? []) builder.addCondition(new k.SystemCondition(type));
    builder.cancelOnConditionLoss = spec.cancelOnConditionLoss ?? false;
    if (spec.group) builder.taskGroup = new k.BackgroundTaskRegistrationGroup(spec.group);
    if (spec.retryPolicy) builder.retryPolicy = spec.retryPolicy;
    const registration = await builder.register();
    return {
      taskId: registration.taskId,
      conditions: registration.conditions.map((c) => c.conditionType),
      nextRunTime: registration.nextRunTime?.getTime() ?? null,
      scheduledVia: registration.scheduledVia,
    };
  }, spec);
}

export const test = base.extend<{ app: Page; cdp: ServiceWorkerCdp }>({
  app: async ({ page }, use) => {
    await openApp(page);
    await use(page);
  },
  cdp: async ({ app }, use) => {
    const cdp = await ServiceWorkerCdp.attach(app);
    await use(cdp);
    await cdp.detach();
  },
});

export { expect };
