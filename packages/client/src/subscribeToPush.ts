// SPDX-License-Identifier: MIT
import { BgkitError, validateDuration } from '@bgkit/protocol';
import { getRegistration, TIMED_OUT, within } from './internal/connection.js';
import { DEV } from './internal/dev.js';

export interface SubscribeToPushOptions {
  /**
   * Milliseconds to wait for the browser, looking for the subscription and making one together:
   * `pushManager.subscribe()` can hang forever in a Chromium whose push (GCM) client never starts
   * (https://github.com/ungoogled-software/ungoogled-chromium/pull/3888; seen too in a Playwright persistent
   * context, an observation no test pins). @default 10000
   */
  timeout?: number;
}

function decodeKey(key: string): Uint8Array {
  // atob() also takes '+', '/' and spaces, which base64url has not; without the padding it decodes the same.
  if (!/^[\w-]+={0,2}$/.test(key)) throw new Error('not base64url');
  return Uint8Array.from(atob(key.replace(/-/g, '+').replace(/_/g, '/').replace(/=/g, '')), (c) => c.charCodeAt(0));
}

/**
 * Subscribes the app's worker to push with a VAPID public key (base64url, as `web-push generate-vapid-keys`
 * prints it), or returns the subscription it already has. Send `subscription.toJSON()` to your server; tasks
 * with a PushNotificationTrigger run for each message.
 *
 * After the push channel was reset (a `controlChannelReset` run), call it again with the same key: it returns
 * the subscription the browser made in the old one's place, or subscribes anew (no separate resubscribe
 * helper: this is it). Send the result to your server again.
 */
export async function subscribeToPush(vapidPublicKey: string | BufferSource, options?: SubscribeToPushOptions): Promise<PushSubscription> {
  let applicationServerKey: BufferSource;
  try {
    if (typeof vapidPublicKey === 'string') applicationServerKey = decodeKey(vapidPublicKey) as BufferSource;
    else if (vapidPublicKey instanceof ArrayBuffer || ArrayBuffer.isView(vapidPublicKey)) applicationServerKey = vapidPublicKey;
    else throw new TypeError('not a key');
  } catch (cause) {
    throw new BgkitError('invalid-argument', DEV ? 'The VAPID public key must be base64url text (or its bytes).' : '', undefined, { cause });
  }
  // Checked before the default is applied: `{ timeout: null }` is a mistake, not "the default".
  validateDuration('timeout', options?.timeout);
  const ms = options?.timeout ?? 10_000;
  const { pushManager } = await getRegistration();
  if (!pushManager) throw new BgkitError('unsupported-browser', DEV ? 'This browser has no Push API.' : '');
  // One bound for both calls: getSubscription() is answered by the same push machinery of the browser as
  // subscribe(), and no public call may wait without a bound (issue #15).
  const subscription = await within(
    pushManager.getSubscription().then(
      (existing) =>
        existing ??
        pushManager.subscribe({ userVisibleOnly: true, applicationServerKey }).catch((cause: unknown) => {
          // A failure with notifications granted is no refusal: no push service could be reached (Firefox says
          // "Error retrieving push subscription.": e2e/engines/access-push.test.ts, "subscribeToPush() with
          // notifications granted but no push service reachable fails with push-unavailable, not push-denied").
          throw new BgkitError(`push-${globalThis.Notification?.permission === 'granted' ? 'unavailable' : 'denied'}` as const, DEV ? `The push subscription failed: ${(cause as Error)?.message ?? String(cause)}` : '', undefined, { cause });
        }),
    ),
    ms,
  );
  if (subscription === TIMED_OUT) throw new BgkitError('push-timeout', DEV ? `The browser did not answer the push subscription within ${ms} ms.` : '', { timeout: ms });
  return subscription;
}
