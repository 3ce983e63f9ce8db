import { describe, expect, it } from 'vitest';

// workbox-background-sync touches `self` when it loads; Node has no such global.
(globalThis as { self?: unknown }).self ??= globalThis;
const { enableRequestQueue } = await import('../enableRequestQueue.js');

describe('enableRequestQueue', () => {
  it.each([[{ name: '' }], [{ maxRetentionTime: -5 }], [{ maxRetentionTime: Number.NaN }]])('refuses %j with invalid-argument', (options) => {
    expect(() => enableRequestQueue(options)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});
