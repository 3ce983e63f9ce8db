// The kit as the page sees it, from a test: the app exposes @bgkit/client as window.bgkit (e2e/app/src/main.ts).
import type * as Client from '@bgkit/client';
import type { WorkerHello } from '@bgkit/sw/protocol';
import type { Engine } from './engine.js';

declare global {
  interface Window {
    bgkit: typeof Client;
  }
}

/** A call over the kit's own wire, answered by whichever worker is active (a stopped one is started). */
function wire<T>(engine: Engine, method: string, args: unknown[] = []): Promise<T> {
  return engine.page.evaluate(async ({ method, args }) => {
    const registration = await navigator.serviceWorker.ready;
    const { port1, port2 } = new MessageChannel();
    const reply = new Promise<{ ok: boolean; value: unknown; error?: unknown }>((resolve, reject) => {
      port1.onmessage = (event) => resolve(event.data);
      setTimeout(() => reject(new Error(`no answer to ${method} within 10 s`)), 10_000);
    });
    registration.active!.postMessage({ type: 'bgkit:call', v: 1, method, args, attempt: 0 }, [port2]);
    const answer = await reply;
    if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
    return answer.value;
  }, { method, args }) as Promise<T>;
}

/** The worker's hello (its bootId names the worker lifetime). */
export function hello(engine: Engine): Promise<WorkerHello> {
  return wire(engine, 'hello');
}

/** The kit clock as the active worker reads it (a worker just started reads its offset back from IndexedDB first). */
export function kitClock(engine: Engine): Promise<{ offset: number; now: number }> {
  return wire<{ clock: { offset: number; now: number } }>(engine, 'simulate', [{ kind: 'clock' }]).then((outcome) => outcome.clock);
}

export interface TaskSpec {
  name: string;
  entryPoint: string;
  trigger: ['time' | 'maintenance', number, boolean] | ['push'] | ['application'] | ['system', string, boolean];
  conditions?: string[];
  networkRequested?: boolean;
}

/** Registers a task from the page, as an app would; returns what its registration says of its schedule. */
export function registerTask(engine: Engine, spec: TaskSpec) {
  return engine.page.evaluate(async (spec: TaskSpec) => {
    const k = window.bgkit;
    const builder = new k.BackgroundTaskBuilder();
    builder.name = spec.name;
    builder.taskEntryPoint = spec.entryPoint;
    const [type, a, b] = spec.trigger;
    builder.setTrigger(
      type === 'time' ? new k.TimeTrigger(a as number, b as boolean)
        : type === 'maintenance' ? new k.MaintenanceTrigger(a as number, b as boolean)
        : type === 'push' ? new k.PushNotificationTrigger()
        : type === 'system' ? new k.SystemTrigger(a as never, b as boolean)
        : new k.ApplicationTrigger(),
    );
    for (const c of spec.conditions ?? []) builder.addCondition(new k.SystemCondition(c as never));
    if (spec.networkRequested) builder.isNetworkRequested = true;
    const registration = await builder.register();
    return { taskId: registration.taskId, nextRunTime: registration.nextRunTime?.getTime() ?? null, scheduledVia: registration.scheduledVia };
  }, spec);
}

/** What the page's registration object exposes of the engine (what the kit can build on). */
export function engineApis(engine: Engine) {
  return engine.page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return {
      sync: 'sync' in registration,
      periodicSync: 'periodicSync' in registration,
      pushManager: 'pushManager' in registration,
      notifications: typeof Notification === 'function' && 'showNotification' in registration,
      persist: typeof navigator.storage?.persist === 'function',
      battery: 'getBattery' in navigator,
      connection: 'connection' in navigator,
    };
  });
}

/**
 * The run history read inside the origin's running worker (Chromium only: support/chromium.ts), for moments
 * when no page of the app is open and opening one would report the network itself. Empty while no worker runs.
 */
export async function runsInWorker(engine: Engine, origin: string): Promise<{ name: string; status: string; source: string; startedAt: number | null }[]> {
  const worker = await engine.worker?.(origin);
  if (!worker) return [];
  return worker
    .evaluate(async () => {
      const scope = (self as unknown as { registration: { scope: string } }).registration.scope;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(`bgkit ${scope}`);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        const runs = await new Promise<{ name: string; status: string; source: string; startedAt: number | null }[]>((resolve, reject) => {
          const get = db.transaction('runs').objectStore('runs').getAll();
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        });
        return runs.map(({ name, status, source, startedAt }) => ({ name, status, source, startedAt }));
      } finally {
        db.close();
      }
    })
    .catch(() => []); // the worker stopped between the look and the call
}

/**
 * requestAccess() as a page calls it, then what the kit and the browser say of persistent storage: the
 * access report, and whether the origin's storage is persisted.
 */
export function accessWithStorage(engine: Engine) {
  return engine.page.evaluate(async () => ({
    requested: await window.bgkit.BackgroundExecutionManager.requestAccess(),
    report: await window.bgkit.BackgroundExecutionManager.getAccessReport(),
    persisted: await navigator.storage.persisted(),
  }));
}
