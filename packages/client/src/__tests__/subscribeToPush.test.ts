import { afterEach, describe, expect, it } from 'vitest';
import { configure } from '../internal/connection.js';
import { subscribeToPush } from '../subscribeToPush.js';

// A real P-256 public key, base64url, as web-push prints it.
const KEY = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';

function fakePush(pushManager: Partial<PushManager>) {
  (globalThis as { navigator?: unknown }).navigator = {
    serviceWorker: { ready: Promise.resolve({ active: {}, pushManager }) },
  };
  (globalThis as { MessageChannel?: unknown }).MessageChannel ??= MessageChannel;
  configure({ timeout: 1000 });
}

afterEach(() => {
  delete (globalThis as { navigator?: unknown }).navigator;
});

describe('subscribeToPush', () => {
  it('refuses a key that is not base64url', async () => {
    fakePush({});
    await expect(subscribeToPush('not a key!')).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('refuses a key that is neither text nor bytes, before it looks for a subscription', async () => {
    fakePush({ getSubscription: async () => ({}) as PushSubscription });
    await expect(subscribeToPush(123 as never)).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument' });
    await expect(subscribeToPush(null as never)).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument' });
  });

  it('takes null options as no options', async () => {
    fakePush({ getSubscription: async () => ({ endpoint: 'e' }) as PushSubscription });
    await expect(subscribeToPush(KEY, null as never)).resolves.toMatchObject({ endpoint: 'e' });
  });

  it('refuses a timeout a timer cannot hold', async () => {
    fakePush({ getSubscription: async () => null, subscribe: () => new Promise(() => {}) });
    await expect(subscribeToPush(KEY, { timeout: -1 })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(subscribeToPush(KEY, { timeout: null as never })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('gives up with push-timeout when the browser never answers', async () => {
    fakePush({ getSubscription: async () => null, subscribe: () => new Promise(() => {}) });
    await expect(subscribeToPush(KEY, { timeout: 30 })).rejects.toMatchObject({ code: 'push-timeout' });
  });

  it('gives up with push-timeout when the browser never says whether a subscription exists', async () => {
    let subscribed = false;
    fakePush({
      getSubscription: () => new Promise(() => {}),
      subscribe: async () => {
        subscribed = true;
        return {} as PushSubscription;
      },
    });
    const started = Date.now();
    await expect(subscribeToPush(KEY, { timeout: 30 })).rejects.toMatchObject({ code: 'push-timeout', details: { timeout: 30 } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(subscribed).toBe(false);
  });

  it('bounds both calls together: a slow look for the subscription leaves the rest of the timeout to subscribe()', async () => {
    fakePush({
      getSubscription: () => new Promise((resolve) => setTimeout(resolve, 40, null)),
      subscribe: () => new Promise((resolve) => setTimeout(resolve, 40, { endpoint: 'late' })),
    });
    await expect(subscribeToPush(KEY, { timeout: 60 })).rejects.toMatchObject({ code: 'push-timeout' });
  });

  it('turns a refusal into push-denied, keeping the cause', async () => {
    const refusal = new DOMException('Registration failed - permission denied', 'AbortError');
    fakePush({ getSubscription: async () => null, subscribe: async () => Promise.reject(refusal) });
    await expect(subscribeToPush(KEY)).rejects.toMatchObject({ code: 'push-denied', cause: refusal });
  });

  it('passes the decoded key and returns the subscription, or the one that exists', async () => {
    let seenKey: Uint8Array | undefined;
    const subscription = { endpoint: 'https://push.example/1' } as PushSubscription;
    fakePush({
      getSubscription: async () => null,
      subscribe: async (options?: PushSubscriptionOptionsInit) => {
        seenKey = options?.applicationServerKey as Uint8Array;
        return subscription;
      },
    });
    expect(await subscribeToPush(KEY)).toBe(subscription);
    expect(seenKey).toHaveLength(65);
    expect(seenKey![0]).toBe(4); // an uncompressed P-256 point
    fakePush({ getSubscription: async () => subscription, subscribe: async () => { throw new Error('not called'); } });
    expect(await subscribeToPush(KEY)).toBe(subscription);
  });
});
