// What the Capacitor worker code uses of @bgkit/sw, for unit tests in Node: the real package's entry starts a
// service worker runtime (workbox included) on import, which Node has no `self` for.
// Use: vi.mock('@bgkit/sw', async () => (await import('./workerStubs.js')).bgkitSw);
import { vi } from 'vitest';
import { BgkitError, isBgkitError } from '@bgkit/sw/protocol';
import type { DeviceState } from '@bgkit/sw';

type Handler = (task: unknown) => Promise<unknown> | unknown;

/** Handlers given to defineTask(), by entry point, with the options they were defined with. */
export const definedTasks = new Map<string, { handler: Handler; options: { timeLimit?: number } | undefined }>();

export const bgkitSw = {
  BgkitError,
  isBgkitError,
  defineTask: vi.fn((entryPoint: string, handler: Handler, options?: { timeLimit?: number }) => void definedTasks.set(entryPoint, { handler, options })),
  registerTask: vi.fn(async () => {}),
  deviceState: vi.fn(async (): Promise<Partial<DeviceState>> => ({})),
};
