// A page's report of the network stands only if the worker's own navigator.onLine agrees (within a moment).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshWorld } from './helpers.js';
import { applySignals, readDevice } from '../internal/device.js';
import { ONLINE_HOLD_MS, onInternetSync, onSignals } from '../internal/deviceReports.js';
import { setRequestQueue } from '../internal/requestQueueHook.js';

beforeEach(async () => {
  await freshWorld();
  // An offline report asks for the reconnect sync; this worker scope has none to ask.
  vi.stubGlobal('self', { registration: {} });
});
afterEach(() => vi.unstubAllGlobals());

describe("a page's report of the network", () => {
  it('is applied when the worker sees the same', async () => {
    await applySignals({ online: true });
    vi.stubGlobal('navigator', { onLine: false });
    await onSignals({ online: false }, 'page');
    expect((await readDevice()).online).toBe(false);
  });

  it('that says offline while the worker sees the network is ignored: a stale report cannot undo a reconnect', async () => {
    await applySignals({ online: true });
    vi.stubGlobal('navigator', { onLine: true });
    await onSignals({ online: false, userPresent: false }, 'page');
    const device = await readDevice();
    expect(device.online).toBe(true);
    // The rest of the report still counts.
    expect(device.userPresent).toBe(false);
  });

  it('that says online while the worker sees none is ignored', async () => {
    await applySignals({ online: false });
    vi.stubGlobal('navigator', { onLine: false });
    await onSignals({ online: true }, 'page');
    expect((await readDevice()).online).toBe(false);
  });

  it('waits a moment for the worker to agree', async () => {
    await applySignals({ online: true });
    const nav = { onLine: true };
    vi.stubGlobal('navigator', nav);
    setTimeout(() => (nav.onLine = false), 200);
    await onSignals({ online: false }, 'page');
    expect((await readDevice()).online).toBe(false);
  });

  it('from a page that has closed since it was sent is stale: only the session count it implies holds', async () => {
    await applySignals({ online: true, userPresent: true, sessionConnected: true });
    vi.stubGlobal('navigator', { onLine: false });
    const windows = [{ id: 'open-tab', visibilityState: 'hidden' }];
    vi.stubGlobal('self', { registration: {}, clients: { matchAll: async () => windows } });
    await onSignals({ online: false, userPresent: false }, 'page', 'reported', 'closed-tab');
    expect(await readDevice()).toMatchObject({ online: true, userPresent: true, sessionConnected: true });
    // The same report from a page that is open counts.
    await onSignals({ online: false, userPresent: false }, 'page', 'reported', 'open-tab');
    expect(await readDevice()).toMatchObject({ online: false, userPresent: false, sessionConnected: true });
  });

  it('that says online asks the request queue to replay even when the stored state was online already', async () => {
    // A reconnect quicker than the worker's look at the network: the offline report came too late to agree
    // with the worker, so the state never left online, yet a request was queued in between.
    let replays = 0;
    setRequestQueue({ pushRequest: async () => undefined, replayWithoutSync: async () => void replays++ });
    await applySignals({ online: true });
    vi.stubGlobal('navigator', { onLine: true });
    await onSignals({ online: true }, 'page');
    expect(replays).toBe(1);
    // A claim the worker does not share, or an offline one, asks for nothing.
    vi.stubGlobal('navigator', { onLine: false });
    await onSignals({ online: true }, 'page');
    await onSignals({ online: false }, 'page');
    expect(replays).toBe(1);
  });

  it(`going online counts only once the worker has seen it for ${ONLINE_HOLD_MS} ms: a blip fires nothing`, async () => {
    // Chromium's offline emulation: a page being reloaded gets an `online` event while the worker's
    // navigator.onLine reads true for a few ms too (e2e/demo/offline.spec.ts).
    await applySignals({ online: false });
    const nav = { onLine: true };
    vi.stubGlobal('navigator', nav);
    setTimeout(() => (nav.onLine = false), 20);
    await onSignals({ online: true }, 'page');
    expect((await readDevice()).online).toBe(false);
    // The worker's own look at waking, and the reconnect sync, likewise.
    nav.onLine = true;
    setTimeout(() => (nav.onLine = false), 20);
    await onSignals({ online: true }, 'worker');
    expect((await readDevice()).online).toBe(false);
    nav.onLine = true;
    setTimeout(() => (nav.onLine = false), 20);
    await onInternetSync();
    expect((await readDevice()).online).toBe(false);
    // A reconnect that lasts counts.
    nav.onLine = true;
    await onSignals({ online: true }, 'worker');
    expect((await readDevice()).online).toBe(true);
  });
});
