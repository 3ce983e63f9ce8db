// SPDX-License-Identifier: MIT
import { BgkitError } from '@bgkit/client';
import type { API, PermissionState, PermissionStatus, RequestPermissionOptions } from './types.js';

/** How long a permission prompt may stay unanswered before the call resolves with what is known then. */
const PROMPT_TIMEOUT = 60_000;
const APIS: readonly API[] = ['geolocation', 'notifications'];

/** Capacitor's PermissionStatus from the page's Notification permission and its Geolocation permission. */
export async function checkPermissions(): Promise<PermissionStatus> {
  return { geolocation: await geolocationState(), notifications: notificationState() };
}

/** Asks for each API in `apis` (the browser's own prompts), then answers as `checkPermissions()`. */
export async function requestPermissions(options: RequestPermissionOptions): Promise<PermissionStatus> {
  const apis = options?.apis;
  if (!Array.isArray(apis) || apis.some((a) => !APIS.includes(a))) {
    throw new BgkitError('invalid-argument', `requestPermissions() takes { apis }, a list of ${APIS.map((a) => `'${a}'`).join(' and ')}.`, { apis });
  }
  if (apis.includes('notifications') && typeof Notification !== 'undefined' && Notification.permission === 'default') {
    await bounded(Notification.requestPermission().then(() => {}));
  }
  if (apis.includes('geolocation') && typeof navigator !== 'undefined' && navigator.geolocation && (await geolocationState()) === 'prompt') {
    // The page's Geolocation permission is asked for by asking for a position; the answer is all we keep.
    await bounded(
      new Promise<void>((resolve) => navigator.geolocation.getCurrentPosition(() => resolve(), () => resolve(), { timeout: PROMPT_TIMEOUT, maximumAge: Infinity })),
    );
  }
  return checkPermissions();
}

function notificationState(): PermissionState {
  if (typeof Notification === 'undefined') return 'denied';
  return Notification.permission === 'default' ? 'prompt' : Notification.permission;
}

async function geolocationState(): Promise<PermissionState> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return 'denied';
  try {
    const status = await bounded(navigator.permissions.query({ name: 'geolocation' }), 5_000);
    return status ? status.state : 'prompt';
  } catch {
    // No Permissions API (or no answer): not known to be granted or denied.
    return 'prompt';
  }
}

function bounded<T>(promise: Promise<T>, ms = PROMPT_TIMEOUT): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
