// SPDX-License-Identifier: MIT
// Open pages are the worker's eyes: they report what only a page can see (online/offline, whether the user
// is here, the time zone) so system triggers can fire. Every page reports; the worker fires on transitions
// of what it stored, so three tabs reporting the same change fire a task once.
import type { DeviceSignals } from '@bgkit/protocol';
import { call, relaying } from './connection.js';

interface BatteryManager extends EventTarget {
  readonly charging: boolean;
  readonly level: number;
}

interface NetworkInformation extends EventTarget {
  readonly saveData: boolean;
  readonly effectiveType: string;
  readonly type?: string;
}

let last = '';
let battery: BatteryManager | undefined;
let timer: ReturnType<typeof setInterval> | undefined;

/** Sends what this page sees if it changed since this page last sent it. */
function report(): void {
  if (!relaying) return;
  // Network Information: Chromium only (https://github.com/mdn/browser-compat-data/blob/main/api/NetworkInformation.json).
  const connection = (navigator as { connection?: NetworkInformation }).connection;
  // Undefined fields (what this browser cannot tell) are left out of the key and ignored by the worker.
  const signals: DeviceSignals = {
    online: navigator.onLine,
    userPresent: document.visibilityState === 'visible',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    onAC: battery?.charging,
    batteryLevel: battery?.level,
    saveData: connection?.saveData,
    effectiveType: connection?.effectiveType,
    connectionType: connection?.type || undefined,
  };
  const key = JSON.stringify(signals);
  if (key === last) return;
  last = key;
  call('relay', signals).catch(() => {
    last = ''; // try again on the next change
  });
}

/**
 * The page's heartbeat: catch-up of overdue time triggers happens when a worker starts, and a worker kept
 * busy by open pages may not restart for a long time, so pages ask for it every minute and on focus.
 */
function tick(): void {
  // Stopped by configure({ relay: false }): the interval goes at its next beat, the listeners do nothing.
  if (!relaying) return clearInterval(timer);
  report();
  call('tick').catch(() => undefined);
}

/** Starts relaying (the registry calls it once per page). Browsers fire no event for a time-zone change, so it is also polled. */
export function startRelay(): void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return;
  for (const type of ['online', 'offline', 'blur', 'pageshow']) window.addEventListener(type, report);
  window.addEventListener('focus', tick);
  // Lets the worker tell when the last window of the app has gone (for sessionConnected).
  window.addEventListener('pagehide', () => void (relaying && call('relay', { leaving: true }).catch(() => undefined)));
  document.addEventListener('visibilitychange', report);
  (navigator as { connection?: NetworkInformation }).connection?.addEventListener('change', report);
  timer = setInterval(tick, 60_000);
  report();
  // Chromium only (https://github.com/mdn/browser-compat-data/blob/main/api/BatteryManager.json); elsewhere the
  // power state stays unknown (and counts as AC).
  (navigator as { getBattery?: () => Promise<BatteryManager> }).getBattery?.().then((manager) => {
    battery = manager;
    manager.addEventListener('chargingchange', report);
    manager.addEventListener('levelchange', report);
    report();
  }, () => undefined);
}
