// SystemTrigger `controlChannelReset`: the worker's `pushsubscriptionchange` (the push channel was reset).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshWorld, until } from './helpers.js';
import { defineTask } from '../defineTask.js';
import { createApi } from '../internal/api.js';
import { install } from '../internal/install.js';
import { Lifetime } from '../internal/Lifetime.js';
import { RunStore } from '../internal/RunStore.js';
import { setSimulator } from '../internal/devtoolsHook.js';
import { enableDevtools } from '../enableDevtools.js';
import { subscriptionChange } from '../internal/eventSources.js';
import { validateRegisterInput, validateSimulation } from '../validate.js';
import type { RegisterInput, Simulation } from '../protocol.js';

defineTask('ccr.echo', (task) => task.triggerDetails);

const api = () => createApi(new Lifetime());
const input = (name = 'reset'): RegisterInput => ({
  name,
  entryPoint: 'ccr.echo',
  trigger: { type: 'system', systemType: 'controlChannelReset', oneShot: false },
  conditions: [],
  cancelOnConditionLoss: false,
  isNetworkRequested: false,
  group: null,
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};
/** A PushSubscription as a listener sees it: toJSON() and options are all bgkit reads of it. */
const key = new Uint8Array([4, 1, 2, 3]).buffer;
const subscription = (endpoint: string) =>
  ({ options: { userVisibleOnly: true, applicationServerKey: key }, toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: 'p', auth: 'a' } }) }) as unknown as PushSubscription;

type Listener = (event: unknown) => void;
const listeners = new Map<string, Listener>();

beforeEach(async () => {
  await freshWorld();
});
afterEach(() => {
  delete (globalThis as { registration?: unknown }).registration;
  setSimulator(undefined);
});

describe('SystemTrigger controlChannelReset', () => {
  it('is a trigger the web can have: registering it is accepted', () => {
    expect(codeOf(() => validateRegisterInput({ ...input(), group: null }))).toBeUndefined();
  });

  it('fails with unsupported-trigger (details.api PushManager) where the worker has no Push API, as a push task does', async () => {
    (globalThis as { registration?: unknown }).registration = { scope: 'https://app.test/' };
    await expect(api().register(input())).rejects.toMatchObject({ code: 'unsupported-trigger', details: { api: 'PushManager' } });
    await expect(api().register({ ...input('push'), trigger: { type: 'push' } })).rejects.toMatchObject({ code: 'unsupported-trigger', details: { api: 'PushManager' } });
    // Another system trigger does not need it.
    await expect(api().register({ ...input('tz'), trigger: { type: 'system', systemType: 'timeZoneChange', oneShot: false } })).resolves.toMatchObject({ created: true });
    (globalThis as { registration?: unknown }).registration = { scope: 'https://app.test/', pushManager: {} };
    await expect(api().register(input())).resolves.toMatchObject({ created: true });
  });

  it("reads both subscriptions as JSON and the old one's options, null where the browser gives none (Firefox's event may carry neither)", () => {
    const change = subscriptionChange({ oldSubscription: subscription('https://push.test/old'), newSubscription: subscription('https://push.test/new') });
    expect(change).toEqual({
      oldSubscription: { endpoint: 'https://push.test/old', expirationTime: null, keys: { p256dh: 'p', auth: 'a' } },
      newSubscription: { endpoint: 'https://push.test/new', expirationTime: null, keys: { p256dh: 'p', auth: 'a' } },
      options: { userVisibleOnly: true, applicationServerKey: key },
    });
    // Storable: a plain copy, what pushManager.subscribe() takes back.
    expect(structuredClone(change).options).toEqual({ userVisibleOnly: true, applicationServerKey: key });
    expect(subscriptionChange({ oldSubscription: null, newSubscription: subscription('https://push.test/new') })).toMatchObject({ oldSubscription: null, options: null });
    expect(subscriptionChange({})).toEqual({ oldSubscription: null, newSubscription: null, options: null });
  });

  it("the worker's pushsubscriptionchange listener runs the task, and its waitUntil holds until the run is stored as finished", async () => {
    // A stand-in worker scope: install() adds its listeners to it, and the test calls the one it cares about.
    const scope = globalThis as { self?: unknown };
    scope.self = { addEventListener: (type: string, fn: Listener) => listeners.set(type, fn), registration: { scope: 'https://app.test/', pushManager: {} } };
    try {
      install();
      const { registration } = await api().register(input());
      let held: Promise<unknown> | undefined;
      listeners.get('pushsubscriptionchange')!({
        oldSubscription: subscription('https://push.test/old'),
        newSubscription: null,
        waitUntil: (promise: Promise<unknown>) => (held = promise),
      });
      expect(held).toBeInstanceOf(Promise);
      await held;
      // Nothing is awaited after the event's promise: the run must already be stored, and finished.
      const [run] = await RunStore.query({ taskId: registration.taskId });
      const details = {
        systemType: 'controlChannelReset',
        oldSubscription: { endpoint: 'https://push.test/old', expirationTime: null, keys: { p256dh: 'p', auth: 'a' } },
        newSubscription: null,
        options: { userVisibleOnly: true, applicationServerKey: key },
      };
      expect(run).toMatchObject({ source: 'pushsubscriptionchange', status: 'completed', triggerDetails: details, result: details });
    } finally {
      delete scope.self;
    }
  });

  it('a devtools fire gives the run the subscriptions it names', async () => {
    enableDevtools();
    const { registration } = await api().register(input());
    await api().simulate({ kind: 'fire', taskId: registration.taskId, details: { newSubscription: { endpoint: 'https://push.test/new' } } });
    const run = await until(async () => (await RunStore.query({ taskId: registration.taskId, status: 'completed' }))[0]);
    expect(run).toMatchObject({ source: 'simulated', triggerDetails: { systemType: 'controlChannelReset', oldSubscription: null, newSubscription: { endpoint: 'https://push.test/new' } } });
  });

  it('checks a simulated pushsubscriptionchange: subscriptions are PushSubscriptionJSON objects or null', () => {
    const ok: Simulation[] = [
      { kind: 'pushsubscriptionchange' },
      { kind: 'pushsubscriptionchange', oldSubscription: null, newSubscription: { endpoint: 'https://push.test/new', keys: { auth: 'a' } } },
    ];
    for (const simulation of ok) expect(codeOf(() => validateSimulation(simulation))).toBeUndefined();
    const bad = [
      { kind: 'pushsubscriptionchange', oldSubscription: 'https://push.test/old' },
      { kind: 'pushsubscriptionchange', newSubscription: [] },
      { kind: 'pushsubscriptionchange', newSubscription: { endpoint: 7 } },
      { kind: 'fire', taskId: 't', details: { oldSubscription: 1 } },
    ];
    for (const simulation of bad) expect(codeOf(() => validateSimulation(simulation as Simulation)), JSON.stringify(simulation)).toBe('invalid-argument');
  });
});
