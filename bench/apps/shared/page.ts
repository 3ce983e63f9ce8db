// What both bench pages share: worker registration and a one-off call to the worker over a MessageChannel.
import { stamp } from './clock';

export async function registerWorker(search: string): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register(`./sw.js${search}`, { scope: './' });
  return navigator.serviceWorker.ready;
}

export async function callWorker<T>(message: Record<string, unknown>): Promise<T> {
  const reg = await navigator.serviceWorker.ready;
  const { port1, port2 } = new MessageChannel();
  const reply = new Promise<{ ok?: T; error?: string }>((resolve) => (port1.onmessage = (e) => resolve(e.data)));
  reg.active!.postMessage(message, [port2]);
  const { ok, error } = await reply;
  port1.close();
  if (error !== undefined) throw new Error(error);
  return ok as T;
}

/** Runs `fn` n times in a row and returns each call's duration in ms. */
export async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = stamp();
    await fn();
    out.push(stamp() - t0);
  }
  return out;
}

export async function storageEstimate(): Promise<{ usage: number; indexedDB: number | null }> {
  const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
  return { usage: e.usage ?? 0, indexedDB: e.usageDetails?.indexedDB ?? null };
}

export interface ThroughputResult {
  ms: number;
  latencies: number[];
  retries: number;
  /** Calls that failed outright (after bgkit's own retry), each repeated. */
  errors: string[];
}

export interface ProgressResult {
  latencies: number[];
}
