import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadApp, loadDevice } from '../sw/device.js';
import { bgkitSw } from './workerStubs.js';

vi.mock('@bgkit/sw', async () => (await import('./workerStubs.js')).bgkitSw);

/** What the worker believes of the device (pages' reports), and its own navigator. */
function device(state: Record<string, unknown>, navigator: { onLine: boolean; connection?: { type?: string } } = { onLine: true }) {
  bgkitSw.deviceState.mockResolvedValueOnce(state);
  vi.stubGlobal('navigator', navigator);
  return loadDevice();
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CapacitorDevice', () => {
  it('batteryLevel is -1 and the connection unknown when no page reported anything', async () => {
    const d = await device({});
    expect(d.getBatteryStatus()).toEqual({ batteryLevel: -1, isCharging: false });
    expect(d.getNetworkStatus()).toEqual({ connected: true, connectionType: 'unknown' });
  });

  it('batteryLevel is the level a page relayed (0 to 1, as on devices), 0 included; isCharging the relayed power state', async () => {
    expect((await device({ batteryLevel: 0.42, onAC: true })).getBatteryStatus()).toEqual({ batteryLevel: 0.42, isCharging: true });
    expect((await device({ batteryLevel: 0, onAC: false })).getBatteryStatus()).toEqual({ batteryLevel: 0, isCharging: false });
  });

  it("connectionType is the relayed type, else the worker's own, in Capacitor's values", async () => {
    expect((await device({ connectionType: 'wifi' })).getNetworkStatus()).toEqual({ connected: true, connectionType: 'wifi' });
    expect((await device({ connectionType: 'cellular' }, { onLine: true, connection: { type: 'wifi' } })).getNetworkStatus().connectionType).toBe('cellular');
    expect((await device({}, { onLine: true, connection: { type: 'cellular' } })).getNetworkStatus().connectionType).toBe('cellular');
    // The Network Information API's other types, as @capacitor/network maps them on the web.
    const mapped: Record<string, string> = {};
    for (const type of ['ethernet', 'wimax', 'bluetooth', 'mixed', 'other', 'unknown']) mapped[type] = (await device({ connectionType: type })).getNetworkStatus().connectionType;
    expect(mapped).toEqual({ ethernet: 'wifi', wimax: 'wifi', bluetooth: 'cellular', mixed: 'unknown', other: 'unknown', unknown: 'unknown' });
  });

  it("is 'none' and not connected when the worker is offline, whatever was relayed", async () => {
    expect((await device({ connectionType: 'wifi' }, { onLine: false, connection: { type: 'wifi' } })).getNetworkStatus()).toEqual({ connected: false, connectionType: 'none' });
  });

  it('hands out copies: a runner changing one changes nothing for the next call', async () => {
    const d = await device({ batteryLevel: 0.5 });
    d.getBatteryStatus().batteryLevel = 1;
    expect(d.getBatteryStatus().batteryLevel).toBe(0.5);
  });
});

describe('CapacitorApp', () => {
  type Window = { visibilityState: string; focused: boolean };
  const matchAll = vi.fn<(options: unknown) => Promise<Window[]>>();

  function app(windows: Window[]) {
    matchAll.mockResolvedValueOnce(windows);
    vi.stubGlobal('self', { clients: { matchAll }, registration: { scope: 'https://app.example/' } });
    vi.stubGlobal('fetch', async () => new Response('not found', { status: 404 }));
    return loadApp(undefined, {});
  }

  it('is not active with no window of the app open, or only hidden ones', async () => {
    expect((await app([])).getState()).toEqual({ isActive: false });
    expect((await app([{ visibilityState: 'hidden', focused: true }, { visibilityState: 'hidden', focused: false }])).getState()).toEqual({ isActive: false });
    // Every window of the origin counts, controlled or not (a page opened before the worker took over).
    expect(matchAll).toHaveBeenCalledWith({ type: 'window', includeUncontrolled: true });
  });

  it("is active with a visible window, focused or not, as @capacitor/app's web getState() reads document.hidden", async () => {
    expect((await app([{ visibilityState: 'hidden', focused: false }, { visibilityState: 'visible', focused: false }])).getState()).toEqual({ isActive: true });
    expect((await app([{ visibilityState: 'visible', focused: true }])).getState()).toEqual({ isActive: true });
  });

  it('reads empty info fields, and the scope as id, when the app has no manifest', async () => {
    expect((await app([])).getInfo()).toEqual({ name: '', id: 'https://app.example/', build: '', version: '' });
  });
});
