// Helpers of the fault suite (e2e/tests/faults*.spec.ts): a seeded random source, the wire spoken raw, a
// small storage quota, a store filled to the brim, the page's record of what it heard, and the figures file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { CallReply } from '@bgkit/sw/protocol';

/** How long a fault test waits for the app to be ready: twice the usual, since the suite runs on loaded CI machines. */
export const READY_MS = 30_000;

/** mulberry32: a small seeded generator, so a failing run can be replayed with its printed seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: BGKIT_FAULT_SEED to replay one, else a fresh one (printed by the tests). */
export function faultSeed(): number {
  const given = Number(process.env.BGKIT_FAULT_SEED);
  return Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31) + 1;
}

const figuresFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.bgkit-test', 'faults.json');

/** Prints a test's figures and keeps them in .bgkit-test/faults.json (one entry per figure name). */
export function reportFigures(name: string, figures: Record<string, unknown>): void {
  console.log(`[faults] ${name}: ${JSON.stringify(figures)}`);
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(figuresFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // first figure of the run
  }
  all[name] = { ...figures, at: new Date().toISOString() };
  mkdirSync(dirname(figuresFile), { recursive: true });
  writeFileSync(figuresFile, `${JSON.stringify(all, null, 2)}\n`);
}

/**
 * One page→worker call spoken raw, as any same-origin script can: `message` is posted as is (with a port),
 * and the worker's reply comes back (acknowledgements skipped), or `null` after `timeout` ms.
 */
export function rawCall(page: Page, message: Record<string, unknown>, timeout = 5000): Promise<CallReply | null> {
  return page.evaluate(
    async ({ message, timeout }) => {
      const worker = (await navigator.serviceWorker.ready).active!;
      const { port1, port2 } = new MessageChannel();
      return new Promise<CallReply | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), timeout);
        port1.onmessage = ({ data }) => {
          if (data && typeof data === 'object' && 'ack' in data) return;
          clearTimeout(timer);
          port1.close();
          resolve(data as CallReply);
        };
        worker.postMessage(message, [port2]);
      });
    },
    { message, timeout },
  );
}

/** A well-formed call message of this protocol version (attempt 0: a page's first try). */
export function callMessage(method: string, args: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'bgkit:call', v: 1, method, args, attempt: 0, ...extra };
}

/**
 * Sets the origin's storage quota through CDP before the app first uses IndexedDB (call it on a page still at
 * about:blank). Returns the CDP session, which must stay open for the override to hold.
 */
export async function smallQuota(page: Page, origin: string, bytes: number) {
  const session = await page.context().newCDPSession(page);
  await session.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: bytes });
  return session;
}

/**
 * Fills the origin's quota from the page with a database of its own ("e2e-filler"), until IndexedDB refuses
 * even a small write. Returns the bytes written. `freeStorage()` deletes it.
 */
export function fillStorage(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('e2e-filler', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('junk', { autoIncrement: true });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const put = (size: number) =>
      new Promise<boolean>((resolve) => {
        const tx = db.transaction('junk', 'readwrite');
        // Random bytes: repeated ones would be compressed by the store and never fill it.
        const chunk = new Uint8Array(size);
        for (let i = 0; i < size; i += 65_536) crypto.getRandomValues(chunk.subarray(i, i + 65_536));
        tx.objectStore('junk').add(chunk);
        tx.oncomplete = () => resolve(true);
        tx.onabort = () => resolve(false);
      });
    let written = 0;
    for (const size of [262_144, 65_536, 16_384, 4096, 1024, 256, 64]) {
      while (await put(size)) written += size;
    }
    db.close();
    return written;
  });
}

export function freeStorage(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const del = indexedDB.deleteDatabase('e2e-filler');
        del.onsuccess = () => resolve();
        del.onerror = () => reject(del.error);
      }),
  );
}

declare global {
  interface Window {
    /** Set by listen(): every `completed` event the page's registration object dispatched, and every raw message. */
    heard?: { events: { instanceId: string; status: string; at: number }[]; raw: string[] };
  }
}

/**
 * Registers (or reuses) a task in the page and records what the page hears of its runs: the `completed`
 * events the registration dispatches (duplicates already dropped by @bgkit/client) and every raw `completed`
 * message on bgkit's channel (duplicates included). Returns the task id.
 */
export function listen(page: Page, name: string, entryPoint: string, trigger: 'application' | 'push'): Promise<string> {
  return page.evaluate(
    async ({ name, entryPoint, trigger }) => {
      const k = window.bgkit;
      const builder = new k.BackgroundTaskBuilder();
      builder.name = name;
      builder.taskEntryPoint = entryPoint;
      builder.setTrigger(trigger === 'push' ? new k.PushNotificationTrigger() : new k.ApplicationTrigger());
      const registration = await builder.register();
      const heard = (window.heard ??= { events: [], raw: [] });
      registration.addEventListener('completed', (e) => heard.events.push({ instanceId: e.instanceId, status: e.status, at: performance.now() }));
      const scope = (await navigator.serviceWorker.ready).scope;
      new BroadcastChannel(`bgkit ${scope}`).onmessage = ({ data }) => {
        if (data?.kind === 'completed' && data.run.taskId === registration.taskId) heard.raw.push(data.run.instanceId);
      };
      return registration.taskId;
    },
    { name, entryPoint, trigger },
  );
}

export function heard(page: Page) {
  return page.evaluate(() => window.heard ?? { events: [], raw: [] });
}
