// SPDX-License-Identifier: MIT
/// <reference lib="webworker" />
import { deviceState } from '@bgkit/sw';
import type { AppInfo, AppState, BatteryStatus, NetworkStatus } from '../types.js';

declare const self: ServiceWorkerGlobalScope;

/** CapacitorDevice from what bgkit knows: the battery pages relayed, the worker's own `navigator.onLine` and connection type. */
export async function loadDevice(): Promise<{ getBatteryStatus(): BatteryStatus; getNetworkStatus(): NetworkStatus }> {
  const state = await deviceState();
  const connection = (navigator as WorkerNavigator & { connection?: { type?: string } }).connection;
  const online = navigator.onLine;
  const battery: BatteryStatus = {
    // -1 where no page could tell (no Battery Status API, or no page open yet), as iOS's UIDevice.batteryLevel.
    batteryLevel: typeof state.batteryLevel === 'number' ? state.batteryLevel : -1,
    isCharging: state.onAC === true,
  };
  const network: NetworkStatus = {
    connected: online,
    connectionType: online ? capacitorConnectionType(state.connectionType ?? connection?.type) : 'none',
  };
  return { getBatteryStatus: () => ({ ...battery }), getNetworkStatus: () => ({ ...network }) };
}

/**
 * Capacitor's connection types are only 'wifi', 'cellular', 'none' and 'unknown' (a runner compares against
 * those); the Network Information API has more. Mapped as @capacitor/network's own web implementation maps
 * them, so a runner sees the same value as the app's page code does.
 */
const CONNECTION_TYPES = new Map([
  ['wifi', 'wifi'],
  ['ethernet', 'wifi'],
  ['wimax', 'wifi'],
  ['cellular', 'cellular'],
  ['bluetooth', 'cellular'],
  ['none', 'none'],
]);

function capacitorConnectionType(type: string | undefined): string {
  return CONNECTION_TYPES.get(type ?? '') ?? 'unknown';
}

/**
 * CapacitorApp: `isActive` when a window of the app is visible (focused or not: @capacitor/app's own web
 * `getState()` reads `document.hidden`, so runner and page agree); `getInfo()` from the web app manifest.
 */
export async function loadApp(manifestUrl: string | undefined, info: Partial<AppInfo>): Promise<{ getState(): AppState; getInfo(): AppInfo }> {
  const [windows, manifest] = await Promise.all([self.clients.matchAll({ type: 'window', includeUncontrolled: true }), readManifest(manifestUrl)]);
  const state: AppState = { isActive: windows.some((w) => w.visibilityState === 'visible') };
  const appInfo: AppInfo = {
    name: str(manifest.name) ?? str(manifest.short_name) ?? '',
    id: str(manifest.id) ?? self.registration.scope,
    build: str(manifest.build) ?? '',
    version: str(manifest.version) ?? '',
    ...info,
  };
  return { getState: () => ({ ...state }), getInfo: () => ({ ...appInfo }) };
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

const manifests = new Map<string, Promise<Record<string, unknown>>>();

/** The manifest, fetched once per worker lifetime (3 s at most; an app without one gets empty fields). */
function readManifest(url: string | undefined): Promise<Record<string, unknown>> {
  const href = new URL(url ?? 'manifest.webmanifest', self.registration.scope).href;
  let manifest = manifests.get(href);
  if (!manifest) {
    manifest = fetch(href, { signal: AbortSignal.timeout(3000) })
      .then((r) => (r.ok ? r.json() : {}))
      .then((m: unknown) => (typeof m === 'object' && m !== null ? (m as Record<string, unknown>) : {}))
      .catch(() => {
        manifests.delete(href);
        return {};
      });
    manifests.set(href, manifest);
  }
  return manifest;
}
