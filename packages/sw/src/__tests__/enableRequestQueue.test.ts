import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { requestQueue } from '../internal/requestQueueHook.js';

// workbox-background-sync touches `self` when it loads; Node has no such global. This scope has no
// Background Sync, as in Firefox and Safari: the queue replays at start-up and when reports ask it to.
(globalThis as { self?: unknown }).self ??= globalThis;
(globalThis as { registration?: unknown }).registration ??= {};
const { enableRequestQueue } = await import('../enableRequestQueue.js');
const { Queue } = await import('workbox-background-sync');

describe('enableRequestQueue', () => {
  it.each([[{ name: '' }], [{ maxRetentionTime: -5 }], [{ maxRetentionTime: Number.NaN }]])('refuses %j with invalid-argument', (options) => {
    expect(() => enableRequestQueue(options)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });

  it('without Background Sync, replays once at start-up, then only while a request may be queued, one replay at a time', async () => {
    let release: () => void = () => undefined;
    const replays = vi.spyOn(Queue.prototype, 'replayRequests').mockImplementation(() => new Promise<void>((resolve) => (release = resolve)));
    enableRequestQueue({ name: 'replay-test' });
    expect(replays).toHaveBeenCalledTimes(1);
    const queue = requestQueue()!;
    // Asked while the start-up replay runs: waits for it, and as it emptied the queue, needs no other.
    const joined = queue.replayWithoutSync();
    expect(replays).toHaveBeenCalledTimes(1);
    release();
    await joined;
    // The queue is known empty: an online report costs nothing.
    await queue.replayWithoutSync();
    expect(replays).toHaveBeenCalledTimes(1);

    vi.spyOn(Queue.prototype, 'pushRequest').mockResolvedValue();
    await queue.pushRequest({ request: new Request('https://example.test/outbox', { method: 'POST', body: 'x' }) });
    replays.mockRejectedValueOnce(new Error('still offline'));
    await queue.replayWithoutSync(); // a failed replay is not the caller's error
    expect(replays).toHaveBeenCalledTimes(2);
    // It failed, so the request may still be there: the next report replays again.
    replays.mockResolvedValue();
    await queue.replayWithoutSync();
    expect(replays).toHaveBeenCalledTimes(3);
    await queue.replayWithoutSync();
    expect(replays).toHaveBeenCalledTimes(3);

    // Asked while a replay runs that then fails (it began before the network was back): one more replay.
    await queue.pushRequest({ request: new Request('https://example.test/outbox', { method: 'POST', body: 'y' }) });
    let fail: (error: Error) => void = () => undefined;
    replays.mockImplementationOnce(() => new Promise<void>((_, reject) => (fail = reject)));
    const first = queue.replayWithoutSync();
    const second = queue.replayWithoutSync();
    const third = queue.replayWithoutSync();
    fail(new Error('network still down'));
    await Promise.all([first, second, third]);
    expect(replays).toHaveBeenCalledTimes(5);
    await queue.replayWithoutSync();
    expect(replays).toHaveBeenCalledTimes(5);
  });
  afterAll(() => vi.restoreAllMocks());
});
