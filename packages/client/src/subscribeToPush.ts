// SPDX-License-Identifier: MIT
import { BgkitError, validateDuration } from '@bgkit/sw/protocol';
import { getRegistration, timeout } from './internal/connection.js';

export interface SubscribeToPushOptions {
  /** Milliseconds to wait: `pushManager.subscribe()` can hang forever (seen in Chromium). @default 10000 */
  timeout?: number;
}

function decodeKey(key: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(key)) throw new Error('not base64url');
  const base64 = key.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * Subscribes the app's worker to push with a VAPID public key (base64url, as `web-push generate-vapid-keys`
 * prints it), or returns the subscription it already has. Send `subscription.toJSON()` to your server; tasks
 * with a PushNotificationTrigger run for each message.
 */
export async function subscribeToPush(vapidPublicKey: string | BufferSource, options: SubscribeToPushOptions = {}): Promise<PushSubscription> {
  let applicationServerKey: BufferSource;
  try {
    applicationServerKey = typeof vapidPublicKey === 'string' ? (decodeKey(vapidPublicKey) as BufferSource) : vapidPublicKey;
  } catch (cause) {
    throw new BgkitError('invalid-argument', 'The VAPID public key must be base64url text (or its bytes).', undefined, { cause });
  }
  validateDuration('timeout', options.timeout);
  const ms = options.timeout ?? 10_000;
  const registration = await getRegistration();
  if (!registration.pushManager) throw new BgkitError('unsupported-browser', 'This browser has no Push API.');
  const existing = await registration.pushManager.getSubscription();
  if (existing) return existing;
  try {
    return await timeout(registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey }), ms, () =>
      new BgkitError('push-timeout', `The browser did not answer the push subscription within ${ms} ms.`, { timeout: ms }),
    );
  } catch (error) {
    if (error instanceof BgkitError) throw error;
    throw new BgkitError('push-denied', `The browser refused the push subscription: ${(error as Error)?.message ?? String(error)}`, undefined, { cause: error });
  }
}
