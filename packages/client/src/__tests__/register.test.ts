import { afterEach, describe, expect, it } from 'vitest';

afterEach(() => {
  delete (globalThis as { navigator?: unknown }).navigator;
});

describe('registerServiceWorker()', () => {
  it('refuses a missing URL with invalid-argument', async () => {
    const { registerServiceWorker } = await import('../register.js');
    expect(() => registerServiceWorker('')).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });

  it('refuses a browser without service workers with unsupported-browser', async () => {
    (globalThis as { navigator?: unknown }).navigator = {};
    const { registerServiceWorker } = await import('../register.js');
    expect(() => registerServiceWorker('/sw.js')).toThrow(expect.objectContaining({ name: 'BgkitError', code: 'unsupported-browser' }));
  });

  it('makes bgkit calls fail with no-service-worker, carrying the cause, when the registration fails', async () => {
    const refused = new TypeError('Failed to register a ServiceWorker: A bad HTTP response code (404) was received.');
    (globalThis as { navigator?: unknown }).navigator = {
      serviceWorker: {
        controller: null,
        register: () => Promise.reject(refused),
        ready: new Promise(() => {}),
        addEventListener() {},
        removeEventListener() {},
      },
    };
    const { configure, call } = await import('../internal/connection.js');
    const { registerServiceWorker } = await import('../register.js');
    configure({ timeout: 60_000 });
    registerServiceWorker('/missing-sw.js');
    const error = await call('hello').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BgkitError', code: 'no-service-worker' });
    // The browser's reason travels as the cause (the sentence around it is development-only prose).
    expect((error as Error).cause).toBe(refused);
  });

  it('makes bgkit calls fail with no-service-worker, not hang, while the registration never settles (a stalled script fetch)', async () => {
    (globalThis as { navigator?: unknown }).navigator = {
      serviceWorker: {
        controller: null,
        register: () => new Promise(() => {}),
        ready: new Promise(() => {}),
        addEventListener() {},
        removeEventListener() {},
      },
    };
    const { configure, call } = await import('../internal/connection.js');
    const { registerServiceWorker } = await import('../register.js');
    configure({ timeout: 50 });
    registerServiceWorker('/stalled-sw.js');
    await expect(call('hello')).rejects.toMatchObject({ name: 'BgkitError', code: 'no-service-worker' });
  });

  it('is gone from configure(), which refuses it as an unknown option', async () => {
    const { configure } = await import('../internal/connection.js');
    expect(() => configure({ serviceWorker: { url: '/sw.js' } } as never)).toThrow(
      expect.objectContaining({ code: 'invalid-argument', details: { option: 'serviceWorker' } }),
    );
  });
});
