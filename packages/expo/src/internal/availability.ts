// SPDX-License-Identifier: MIT

/** True where bgkit can run tasks: a service worker can be registered (secure context, not a private mode that forbids it). */
export function serviceWorkersAvailable(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && (typeof isSecureContext === 'undefined' || isSecureContext);
}
