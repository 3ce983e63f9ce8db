// The page's relay (reports and heartbeat) and configure({ relay: false }), which stops it (#17: the relay's
// interval could not be stopped).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL, type CallReply } from '@bgkit/protocol';

let calls: string[];

beforeEach(() => {
  vi.resetModules();
  vi.useFakeTimers();
  calls = [];
  const g = globalThis as Record<string, unknown>;
  g.window = new EventTarget();
  g.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  // A worker that answers every call at once and notes its method.
  const active = {
    postMessage(message: { type: string; method: string }, [port]: MessagePort[]) {
      if (message.type !== CALL) return;
      calls.push(message.method);
      port!.postMessage({ ok: true, value: undefined } satisfies CallReply);
    },
  };
  g.navigator = { onLine: true, serviceWorker: { ready: Promise.resolve({ active, scope: '/' }) } };
});

afterEach(() => {
  vi.useRealTimers();
  for (const key of ['window', 'document', 'navigator']) delete (globalThis as Record<string, unknown>)[key];
});

/** Lets the calls posted so far reach the fake worker. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
}

describe('the relay', () => {
  it('reports at once, on the page events, and beats the heartbeat every minute', async () => {
    const { startRelay } = await import('../internal/relay.js');
    startRelay();
    await settle();
    expect(calls).toEqual(['relay']);
    (navigator as { onLine: boolean }).onLine = false;
    window.dispatchEvent(new Event('offline'));
    await settle();
    expect(calls).toEqual(['relay', 'relay']);
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(calls).toContain('tick');
  });

  it('configure({ relay: false }) stops reports, the heartbeat and its interval, and the leaving notice', async () => {
    const { configure } = await import('../internal/connection.js');
    const { startRelay } = await import('../internal/relay.js');
    startRelay();
    await settle();
    calls = [];
    configure({ relay: false });
    (navigator as { onLine: boolean }).onLine = false;
    for (const type of ['offline', 'focus', 'pagehide']) window.dispatchEvent(new Event(type));
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(calls).toEqual([]);
    // The interval went at its first beat after the stop: no timer is left behind.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('configure({ relay: false }) before the first registration keeps the relay from ever reporting', async () => {
    const { configure } = await import('../internal/connection.js');
    const { startRelay } = await import('../internal/relay.js');
    configure({ relay: false });
    startRelay();
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(calls).toEqual([]);
  });

  it('refuses any relay value but false, and changes nothing then', async () => {
    const { configure } = await import('../internal/connection.js');
    const { startRelay } = await import('../internal/relay.js');
    for (const relay of [true, 'no', 0, null]) {
      expect(() => configure({ relay } as never)).toThrow(expect.objectContaining({ code: 'invalid-argument', details: { relay } }));
    }
    startRelay();
    await settle();
    expect(calls).toEqual(['relay']);
  });
});
