// install() with a stand-in worker scope: which worker opens the database while its script is evaluated.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

async function installAs(state: string | undefined): Promise<number> {
  vi.resetModules();
  const open = vi.spyOn(indexedDB, 'open');
  (globalThis as { self?: unknown }).self = {
    addEventListener: () => undefined,
    registration: { scope: 'https://app.test/' },
    ...(state ? { serviceWorker: { state } } : {}),
  };
  const { install } = await import('../internal/install.js');
  install();
  const calls = open.mock.calls.length;
  const { closeDb } = await import('../internal/db.js');
  await closeDb();
  return calls;
}

afterEach(() => {
  delete (globalThis as { self?: unknown }).self;
  vi.restoreAllMocks();
});

describe('opening the database while the script is evaluated', () => {
  it('the active version opens it at once', async () => {
    expect(await installAs('activated')).toBe(1);
  });

  it('a new version evaluated for its install does not: its migrations must not run under the active one', async () => {
    expect(await installAs('installing')).toBe(0);
    expect(await installAs('parsed')).toBe(0);
  });

  it('a browser without ServiceWorkerGlobalScope.serviceWorker opens it on first use, as before', async () => {
    expect(await installAs(undefined)).toBe(0);
  });
});
