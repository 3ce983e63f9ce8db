import { afterEach, describe, expect, it } from 'vitest';
import { CALL, type CallReply } from '@bgkit/protocol';

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
      { type: CALL, v: 1, method: 'hello', args: [], attempt: 0, ack: true },
      { type: CALL, v: 1, method: 'unregister', args: ['task-1', true], attempt: 0, ack: true },
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

  // A worker that acknowledges (as @bgkit/sw does when asked) and answers after `answerAfter` ms, beating every
  // `beat` ms meanwhile; `dies(attempt)` makes it fall silent for good after acknowledging that attempt.
  function ackingWorker({ answerAfter, beat, dies = () => false }: { answerAfter: number; beat: number; dies?: (attempt: number) => boolean }) {
    const attempts: number[] = [];
    const active = {
      postMessage(message: { attempt: number }, [port]: MessagePort[]) {
        attempts.push(message.attempt);
        port!.postMessage({ ack: 'received' });
        if (dies(message.attempt)) return;
        const beating = setInterval(() => port!.postMessage({ ack: 'working' }), beat);
        setTimeout(() => {
          clearInterval(beating);
          port!.postMessage({ ok: true, value: { protocol: 1, bootId: `answered-${message.attempt}`, entryPoints: [] } } satisfies CallReply);
        }, answerAfter);
      },
    };
    (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready: Promise.resolve({ active }) } };
    return attempts;
  }

  it('post again at once, not after the timeout, when a worker falls silent after acknowledging (killed mid-call)', async () => {
    const { configure, call } = await import('../internal/connection.js');
    // Far beyond the test's own time limit: only the early retry can answer in time.
    configure({ timeout: 60_000 });
    const attempts = ackingWorker({ answerAfter: 10, beat: 1000, dies: (attempt) => attempt === 0 });
    expect(await call('hello')).toMatchObject({ bootId: 'answered-1' });
    expect(attempts).toEqual([0, 1]);
  });

  it('never post a page report (relay) again: a late copy could carry a stale view of the network', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 300 });
    const attempts = ackingWorker({ answerAfter: 10, beat: 1000, dies: () => true });
    await expect(call('relay', { online: true })).rejects.toMatchObject({ code: 'sw-timeout', details: { acknowledged: true } });
    expect(attempts).toEqual([0]);
  });

  it('wait for a worker that keeps saying it is working, past the silence window, without posting again', async () => {
    const { configure, call } = await import('../internal/connection.js');
    // Silence window: half the timeout here (1 s); the answer comes after 1.6 s, the worker beating every 300 ms.
    configure({ timeout: 2000 });
    const attempts = ackingWorker({ answerAfter: 1600, beat: 300 });
    expect(await call('hello')).toMatchObject({ bootId: 'answered-0' });
    expect(attempts).toEqual([0]);
  });

  it('say that a worker which never acknowledges does not run bgkit, and how long it waited', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 300 });
    fakeWorker(() => 'dead');
    const error = await call('hello').catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'BgkitError',
      code: 'sw-timeout',
      details: { method: 'hello', acknowledged: false, waited: expect.any(Number) },
      // The unit tests build as production does: the sentence (e2e/tests/calls.spec.ts checks it in a
      // development build) gives way to a pointer at the README's error table.
      message: 'sw-timeout (see "Errors" in the bgkit README; specifics in error.details)',
    });
    const { waited, attempts } = (error as { details: { waited: number; attempts: number } }).details;
    expect(waited).toBeGreaterThan(290); // timers may fire a millisecond early
    expect(attempts).toBeGreaterThan(1);
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
    await expect(call('hello')).rejects.toMatchObject({ name: 'BgkitError', code: 'no-service-worker' });
    expect(asked).toBe(3);
  });

  it('fail with no-service-worker when no worker ever becomes active', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 50 });
    (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready: new Promise(() => {}) } };
    await expect(call('hello')).rejects.toMatchObject({ code: 'no-service-worker' });
  });
});


describe('a worker that is not active yet', () => {
  // A registration whose worker stays `state` (installing, or installed and waiting to activate) for `activateAfter`
  // ms, then activates; `ready` resolves then, as browsers do.
  function pendingWorker(state: 'installing' | 'waiting', activateAfter: number) {
    const registration: { installing: unknown; waiting: unknown; active: unknown } = { installing: null, waiting: null, active: null };
    registration[state] = {};
    const ready = new Promise((resolve) =>
      setTimeout(() => {
        registration[state] = null;
        registration.active = {
          postMessage(_: unknown, [port]: MessagePort[]) {
            port!.postMessage({ ok: true, value: { protocol: 1, bootId: 'installed', entryPoints: [] } } satisfies CallReply);
          },
        };
        resolve(registration);
      }, activateAfter),
    );
    (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready, getRegistration: async () => registration } };
  }

  it('waits for one that is still installing past the call timeout, up to activationTimeout', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 100, activationTimeout: 2000 });
    pendingWorker('installing', 400);
    expect(await call('hello')).toMatchObject({ bootId: 'installed' });
  });

  it('says the worker was still installing, and how long it waited, when activationTimeout runs out', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 100, activationTimeout: 300 });
    pendingWorker('installing', 5000);
    const error = await call('hello').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BgkitError', code: 'no-service-worker', details: { state: 'installing' } });
    expect((error as { details: { waited: number } }).details.waited).toBeGreaterThan(290);
  });

  // A worker waits when an older one still controls pages, or until skipWaiting(); a call made meanwhile waits too.
  it('waits for one that is waiting to activate past the call timeout, up to activationTimeout', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 100, activationTimeout: 2000 });
    pendingWorker('waiting', 400);
    expect(await call('hello')).toMatchObject({ bootId: 'installed' });
  });

  it('says the worker was still waiting, and how long it waited, when activationTimeout runs out', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 100, activationTimeout: 300 });
    pendingWorker('waiting', 5000);
    const error = await call('hello').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BgkitError', code: 'no-service-worker', details: { state: 'waiting' } });
    expect((error as { details: { waited: number } }).details.waited).toBeGreaterThan(290);
  });

  it('does not wait past the call timeout when no worker is registered at all', async () => {
    const { configure, call } = await import('../internal/connection.js');
    configure({ timeout: 100, activationTimeout: 60_000 });
    (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready: new Promise(() => {}), getRegistration: async () => undefined } };
    await expect(call('hello')).rejects.toMatchObject({ code: 'no-service-worker', details: { state: 'none' } });
  });
});

describe('configure() and bad call arguments', () => {
  it('refuses what is not an option, and takes no options at all', async () => {
    const { configure } = await import('../internal/connection.js');
    expect(() => configure(null as never)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => configure({ devtools: true } as never)).toThrow(expect.objectContaining({ code: 'invalid-argument', details: { option: 'devtools' } }));
    expect(() => configure({ timeout: -1 })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => configure({ activationTimeout: 0 })).toThrow(expect.objectContaining({ code: 'invalid-argument', details: { activationTimeout: 0 } }));
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
