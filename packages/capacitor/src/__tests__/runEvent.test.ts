import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundTaskInstance } from '@bgkit/sw';
import { readKV } from '../shared/store.js';
import { runEvent, type EventSettings, type RunnerGlobals, type RunnerListener } from '../sw/runEvent.js';

vi.mock('@bgkit/sw', async () => (await import('./workerStubs.js')).bgkitSw);
vi.mock('../sw/device.js', () => ({
  loadDevice: async () => ({ getBatteryStatus: () => ({ batteryLevel: -1, isCharging: false }), getNetworkStatus: () => ({ connected: true, connectionType: 'unknown' }) }),
  loadApp: async () => ({ getState: () => ({ isActive: false }), getInfo: () => ({ name: '', id: '', build: '', version: '' }) }),
}));

/**
 * The KV writes of the worker code go through this: a test holds them back or fails them. The page's
 * readKV() uses the real database directly, so it sees what was really stored.
 */
const kvPut: { hook?: (put: () => Promise<unknown>) => Promise<unknown> } = {};
vi.mock('../shared/store.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../shared/store.js')>();
  return {
    ...real,
    openStore: async () => {
      const db = await real.openStore();
      return new Proxy(db, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop);
          if (typeof value !== 'function') return value;
          if (prop === 'put') {
            return (store: string, ...rest: unknown[]) => {
              const put = () => (value as (...a: unknown[]) => Promise<unknown>).call(target, store, ...rest);
              return store === 'kv' && kvPut.hook ? kvPut.hook(put) : put();
            };
          }
          return (value as (...a: unknown[]) => unknown).bind(target);
        },
      });
    },
  };
});

/** A runner file with these listeners, as defineRunner() hands it to runEvent(). */
function runner(label: string, listeners: (globals: RunnerGlobals) => Record<string, RunnerListener>): EventSettings {
  return {
    label,
    manifest: undefined,
    appInfo: {},
    body: (globals) => {
      const add = globals.addEventListener as (event: string, listener: RunnerListener) => void;
      for (const [event, listener] of Object.entries(listeners(globals))) add(event, listener);
    },
  };
}

/** A runner whose `save` event sets one key and resolves at once. */
function saver(label: string, key: string, value: string): EventSettings {
  return runner(label, (globals) => ({
    save: (resolve) => {
      (globals.CapacitorKV as { set(k: string, v: string): void }).set(key, value);
      resolve('saved');
    },
  }));
}

function task(): BackgroundTaskInstance<unknown> {
  return { signal: new AbortController().signal } as unknown as BackgroundTaskInstance<unknown>;
}

/** Whether a promise has settled, without waiting for it. */
function watch<T>(promise: Promise<T>) {
  const state = { settled: false };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

beforeEach(() => {
  vi.stubGlobal('self', { crypto: globalThis.crypto });
});

afterEach(() => {
  kvPut.hook = undefined;
  vi.unstubAllGlobals();
});

describe('runEvent and CapacitorKV', () => {
  it('settles the run only once the values its listener set are stored', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    kvPut.hook = (put) => gate.then(put);
    const run = runEvent(saver('kv-slow', 'token', 'abc'), 'save', {}, task());
    const state = watch(run);
    await new Promise((r) => setTimeout(r, 50));
    // resolve() was called long ago, but the write is held back: the run has not settled, nothing is stored.
    expect(state.settled).toBe(false);
    expect(await readKV('kv-slow')).toEqual({});
    release();
    await expect(run).resolves.toBe('saved');
    // Settled means stored: a worker killed right now loses nothing.
    expect(await readKV('kv-slow')).toEqual({ token: 'abc' });
  });

  it('fails the event with storage-error (a BgkitError naming the runner, the browser\'s error as cause) when a value cannot be stored', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    kvPut.hook = () => Promise.reject(quota);
    const settings = saver('kv-full', 'big', 'x'.repeat(10));
    const error = await runEvent(settings, 'save', {}, task()).then(
      () => null,
      (e: unknown) => e as Error & { code?: string; details?: unknown; cause?: unknown },
    );
    expect(error).toMatchObject({ name: 'BgkitError', code: 'storage-error', details: { label: 'kv-full' } });
    expect(error?.cause).toBe(quota);
    expect(await readKV('kv-full')).toEqual({});
  });
});
