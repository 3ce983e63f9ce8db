// BackgroundFetchTrigger (@bgkit/client/background-fetch): its spec, its rebuild from a stored registration,
// and fetch(): the id naming its task, the codes where it cannot start one.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallMessage, CallReply, RegisterInput } from '@bgkit/protocol';
import { BackgroundFetchTrigger } from '../background-fetch.js';
import { BackgroundTaskBuilder, configure } from '../index.js';
import { kSpec } from '../triggers/BackgroundTrigger.js';
import { triggerFromSpec } from '../triggers/fromSpec.js';

/** A worker that registers whatever it is sent, each task under a new id; `registration` is what `ready` gives. */
function acceptingWorker(registration: Record<string, unknown>) {
  let n = 0;
  registration.active = {
    postMessage(message: CallMessage, [port]: MessagePort[]) {
      const input = message.args[0] as RegisterInput;
      const record = { ...input, taskId: `task-${++n}`, groupId: null, createdAt: 0 };
      const reply: CallReply = { ok: true, value: { created: true, registration: record, group: null } };
      port!.postMessage(reply);
    },
  };
  (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready: Promise.resolve(registration) } };
  configure({ timeout: 500 });
}

async function register(trigger: BackgroundFetchTrigger, name = 'prefetch') {
  const builder = new BackgroundTaskBuilder();
  builder.name = name;
  builder.taskEntryPoint = 'fetch.collect';
  builder.setTrigger(trigger);
  return builder.register();
}

afterEach(() => {
  delete (globalThis as { navigator?: unknown }).navigator;
});

describe('BackgroundFetchTrigger', () => {
  it('is stored as { type: "backgroundFetch" }, and the registry rebuilds it once the entry is imported', () => {
    expect(new BackgroundFetchTrigger()[kSpec]()).toEqual({ type: 'backgroundFetch' });
    expect(triggerFromSpec({ type: 'backgroundFetch' })).toBeInstanceOf(BackgroundFetchTrigger);
  });

  it('fetch() before its task is registered: not-registered', async () => {
    await expect(new BackgroundFetchTrigger().fetch('/a')).rejects.toMatchObject({ code: 'not-registered' });
  });

  it('starts a Background Fetch whose id names its task; where the engine has none: unsupported-trigger (BackgroundFetchManager)', async () => {
    const registration: Record<string, unknown> = {};
    acceptingWorker(registration);
    const trigger = new BackgroundFetchTrigger();
    const task = await register(trigger);
    await expect(trigger.fetch('/a')).rejects.toMatchObject({ code: 'unsupported-trigger', details: { api: 'BackgroundFetchManager' } });
    const calls: unknown[][] = [];
    const browserRegistration = new EventTarget();
    registration.backgroundFetch = { fetch: async (...args: unknown[]) => (calls.push(args), browserRegistration) };
    expect(await trigger.fetch(['/a', '/b'], { title: 'Prefetch', downloadTotal: 10 })).toBe(browserRegistration);
    expect(await trigger.fetch('/c')).toBe(browserRegistration);
    expect(calls[0]![0]).toMatch(new RegExp(`^bgkit-fetch:${task.taskId}:[0-9a-f-]{36}$`));
    expect(calls[0]!.slice(1)).toEqual([['/a', '/b'], { title: 'Prefetch', downloadTotal: 10 }]);
    expect(calls[1]!.slice(1)).toEqual([['/c'], {}]);
    // One fetch names one task: a trigger set on two cannot say whose run its events start.
    await register(trigger, 'other');
    await expect(trigger.fetch('/a')).rejects.toMatchObject({ code: 'invalid-trigger' });
  });

  it('a browser that never accepts the fetch: sw-timeout after the timeout, not a wait without end', async () => {
    const registration: Record<string, unknown> = {};
    acceptingWorker(registration);
    const trigger = new BackgroundFetchTrigger();
    await register(trigger);
    registration.backgroundFetch = { fetch: () => new Promise(() => {}) };
    await expect(trigger.fetch('/a', { timeout: 50 })).rejects.toMatchObject({ code: 'sw-timeout', details: { api: 'BackgroundFetchManager.fetch', waited: 50 } });
    await expect(trigger.fetch('/a', { timeout: -1 })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('what the browser refuses (bad requests, bad options) is a BgkitError with a code and the browser\'s error as its cause', async () => {
    const registration: Record<string, unknown> = {};
    acceptingWorker(registration);
    const trigger = new BackgroundFetchTrigger();
    await register(trigger);
    const refusal = new TypeError('Failed to execute fetch on BackgroundFetchManager: the requests are not valid.');
    registration.backgroundFetch = { fetch: () => Promise.reject(refusal) };
    await expect(trigger.fetch(42 as never)).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument', details: { name: 'TypeError' }, cause: refusal });
  });
});
