import { afterEach, describe, expect, it } from 'vitest';
import { CALL, type CallReply } from '@bgkit/sw/protocol';

// A stand-in for a service worker registration whose worker can "die": it simply never answers.
function fakeWorker(behaviour: (attempt: number) => 'answer' | 'dead') {
  let attempts = 0;
  const connects: unknown[] = [];
  const active = {
    postMessage(message: { type: string }, transfer: MessagePort[]) {
      connects.push(message);
      const port = transfer[0]!;
      if (behaviour(attempts++) === 'dead') return;
      const reply: CallReply = { ok: true, value: { protocol: 1, bootId: `boot-${attempts}`, entryPoints: [] } };
      port.postMessage(reply);
    },
  };
  (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready: Promise.resolve({ active }) } };
  return { connects, attempts: () => attempts };
}

afterEach(() => {
  delete (globalThis as { navigator?: unknown }).navigator;
});

describe('page → worker calls', () => {
  it('post each call on a fresh channel, with the protocol version, method and arguments', async () => {
    const { configure } = await import('../internal/connection.js');
    const { call } = await import('../internal/connection.js');
    configure({ timeout: 200 });
    const worker = fakeWorker(() => 'answer');
    await call('hello');
    await call('unregister', 'task-1', true);
    expect(worker.connects).toEqual([
      { type: CALL, v: 1, method: 'hello', args: [], attempt: 0 },
      { type: CALL, v: 1, method: 'unregister', args: ['task-1', true], attempt: 0 },
    ]);
  });

  it('retry once on a new connection when a worker died mid-call', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 100 });
    const worker = fakeWorker((attempt) => (attempt === 0 ? 'dead' : 'answer'));
    const hello = await call('hello');
    expect(hello.bootId).toBe('boot-2');
    expect(worker.attempts()).toBe(2);
    // The retry says it is one, so the worker checks whether the first attempt got through after all.
    expect(worker.connects.map((m) => (m as { attempt: number }).attempt)).toEqual([0, 1]);
  });

  it('fail with sw-timeout, not hang, when the worker never answers', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 50 });
    fakeWorker(() => 'dead');
    const started = Date.now();
    await expect(call('hello')).rejects.toMatchObject({ name: 'BgkitError', code: 'sw-timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rebuild a worker error with its class and code', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 200 });
    (globalThis as { navigator?: unknown }).navigator = {
      serviceWorker: {
        ready: Promise.resolve({
          active: {
            postMessage(_: unknown, [port]: MessagePort[]) {
              const reply: CallReply = { ok: false, error: { name: 'BgkitError', message: 'gone', code: 'not-registered', details: { taskId: 't' } } };
              port!.postMessage(reply);
            },
          },
        }),
      },
    };
    await expect(call('unregister', 't', false)).rejects.toMatchObject({ name: 'BgkitError', code: 'not-registered', details: { taskId: 't' } });
  });

  it('ask the new worker at once when theirs becomes redundant mid-call (an update took over)', async () => {
    const { configure, call } = await import('../internal/connection.js');
    // Far beyond the test's own time limit: only the redundant-worker path can answer in time.
    configure({ timeout: 60_000 });
    const answering = {
      state: 'activated',
      postMessage(_: unknown, [port]: MessagePort[]) {
        const reply: CallReply = { ok: true, value: { protocol: 1, bootId: 'new', entryPoints: [] } };
        port!.postMessage(reply);
      },
    };
    const listeners = new Set<() => void>();
    const registration: { active: unknown } = { active: undefined };
    const old = {
      state: 'activated',
      // The old worker takes the call and is replaced before it answers.
      postMessage() {
        setTimeout(() => {
          old.state = 'redundant';
          registration.active = answering;
          for (const listener of listeners) listener();
        }, 20);
      },
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    };
    registration.active = old;
    (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready: Promise.resolve(registration) } };
    expect(await call('hello')).toMatchObject({ bootId: 'new' });
    expect(listeners.size).toBe(0);
  });

  it('give up with no-service-worker when every worker asked is replaced before it answers', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 60_000 });
    const registration: { active: unknown } = { active: undefined };
    let asked = 0;
    const replaceable = (): unknown => {
      const listeners = new Set<() => void>();
      const worker = {
        state: 'activated',
        postMessage() {
          asked++;
          setTimeout(() => {
            worker.state = 'redundant';
            registration.active = replaceable();
            for (const listener of listeners) listener();
          }, 5);
        },
        addEventListener: (_: string, listener: () => void) => listeners.add(listener),
        removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
      };
      return worker;
    };
    registration.active = replaceable();
    (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready: Promise.resolve(registration) } };
    await expect(call('hello')).rejects.toMatchObject({ name: 'BgkitError', code: 'no-service-worker', message: expect.stringContaining('kept being replaced') });
    expect(asked).toBe(3);
  });

  it('fail with no-service-worker when no worker ever becomes active', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 50 });
    (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready: new Promise(() => {}) } };
    await expect(call('hello')).rejects.toMatchObject({ code: 'no-service-worker' });
  });
});


describe('configure() and bad call arguments', () => {
  it('refuses what is not an option, and takes no options at all', async () => {
    const { configure } = await import('../internal/connection.js');
    expect(() => configure(null as never)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => configure({ devtools: true } as never)).toThrow(expect.objectContaining({ code: 'invalid-argument', details: { option: 'devtools' } }));
    expect(() => configure({ timeout: -1 })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => configure()).not.toThrow();
  });

  it('turns arguments the structured clone cannot carry into invalid-argument, not a DOMException', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 200 });
    (globalThis as { navigator?: unknown }).navigator = {
      serviceWorker: {
        ready: Promise.resolve({
          active: {
            postMessage(message: unknown) {
              structuredClone(message);
            },
          },
        }),
      },
    };
    await expect(call('runs', { status: (() => 'x') as never })).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument', details: { method: 'runs' } });
  });
});
