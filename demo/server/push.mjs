// Web Push from the server: VAPID keys made on first start and kept beside the mailbox, and delivery to the
// stored subscriptions through the web-push package.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import webpush from 'web-push';
import { writeFileAtomic } from './store.mjs';

/**
 * @typedef {{ publicKey: string; privateKey: string }} VapidKeys
 * @typedef {import('./store.mjs').PushSubscriptionJson} PushSubscriptionJson
 * @typedef {(subscription: PushSubscriptionJson, payload: string, options: import('web-push').RequestOptions) => Promise<{ statusCode: number }>} SendFn
 */

/**
 * The VAPID key pair stored in `dir`, created on first use.
 * @param {string} dir
 * @returns {Promise<VapidKeys>}
 */
export async function loadVapidKeys(dir) {
  const file = join(dir, 'vapid.json');
  try {
    const keys = JSON.parse(await readFile(file, 'utf8'));
    if (typeof keys.publicKey === 'string' && typeof keys.privateKey === 'string') return keys;
    throw new Error(`${file} holds no VAPID keys`);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  const keys = webpush.generateVAPIDKeys();
  await writeFileAtomic(file, JSON.stringify(keys, null, 2));
  return keys;
}

/**
 * @param {{ keys: VapidKeys; subject?: string; timeout?: number; send?: SendFn }} options
 */
export function createPusher({ keys, subject = 'mailto:postmaster@inbox.example', timeout = 5000, send = webpush.sendNotification }) {
  return {
    publicKey: keys.publicKey,

    /**
     * Sends `payload` to every subscription. `gone` lists subscriptions the push service no longer knows
     * (404/410), which the caller should forget.
     * @param {PushSubscriptionJson[]} subscriptions
     * @param {unknown} payload
     */
    async pushAll(subscriptions, payload) {
      const body = JSON.stringify(payload);
      const outcomes = await Promise.all(
        subscriptions.map(async (subscription) => {
          try {
            await send(subscription, body, {
              vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
              TTL: 60 * 60,
              timeout,
            });
            return { endpoint: subscription.endpoint, ok: true };
          } catch (error) {
            const e = /** @type {Error & { statusCode?: number; code?: string }} */ (error);
            return { endpoint: subscription.endpoint, ok: false, status: e.statusCode ?? null, reason: e.code ?? e.message };
          }
        }),
      );
      return {
        delivered: outcomes.filter((o) => o.ok).length,
        failures: outcomes.filter((o) => !o.ok),
        gone: outcomes.filter((o) => !o.ok && (o.status === 404 || o.status === 410)).map((o) => o.endpoint),
      };
    },
  };
}

/** @typedef {ReturnType<typeof createPusher>} Pusher */
