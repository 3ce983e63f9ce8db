// The Background Fetch trigger's worker side: the opt-in (enableBackgroundFetch), the engine check at
// register(), the backgroundfetch* listeners (details read during the event, the live event during the run,
// the event held until the run is stored as finished), and its devtools simulation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshWorld, until } from './helpers.js';
import { defineTask } from '../defineTask.js';
import { backgroundFetchEvent, enableBackgroundFetch, fetchDetails, fetchTaskId } from '../enableBackgroundFetch.js';
import { createApi } from '../internal/api.js';
import { Lifetime } from '../internal/Lifetime.js';
import { RunStore } from '../internal/RunStore.js';
import { setSimulator } from '../internal/devtoolsHook.js';
import { enableDevtools } from '../enableDevtools.js';
import { validateSimulation } from '../validate.js';
import type { RegisterInput, Simulation } from '../protocol.js';

let seenDuringRun: unknown;
defineTask('bgf.echo', (task) => {
  seenDuringRun = backgroundFetchEvent(task);
  return task.triggerDetails;
});

const api = () => createApi(new Lifetime());
const input = (name = 'prefetch'): RegisterInput => ({
  name,
  entryPoint: 'bgf.echo',
  trigger: { type: 'backgroundFetch' },
  conditions: [],
  cancelOnConditionLoss: false,
  isNetworkRequested: false,
  group: null,
});

type Listener = (event: unknown) => void;
const listeners = new Map<string, Listener>();
const scope = globalThis as { self?: unknown; registration?: unknown };
const withFetch = { scope: 'https://app.test/', backgroundFetch: {} };

/** A Background Fetch event as Chromium gives it once a fetch ended (records with responses, or aborted). */
function fetchEvent(type: string, id: string, records: { url: string; status: number | null }[], result: '' | 'success' | 'failure' = 'success', failureReason = '') {
  let held: Promise<unknown> | undefined;
  const event = {
    type,
    registration: {
      id, result, failureReason, downloaded: 10, downloadTotal: 0, uploaded: 0, uploadTotal: 0, recordsAvailable: true,
      matchAll: async () =>
        records.map(({ url, status }) => ({
          request: new Request(url),
          responseReady: status === null ? Promise.reject(new DOMException('aborted', 'AbortError')) : Promise.resolve(new Response(null, { status })),
        })),
    },
    waitUntil: (promise: Promise<unknown>) => (held = promise),
  };
  return { event, held: () => held };
}

beforeEach(async () => {
  await freshWorld();
});
afterEach(() => {
  delete scope.registration;
  setSimulator(undefined);
});

describe('BackgroundFetchTrigger in the worker', () => {
  // First: the opt-in is module state, and the later tests turn it on.
  it('a worker that never called enableBackgroundFetch() refuses its tasks (trigger-not-enabled), and its simulation', async () => {
    scope.registration = withFetch;
    await expect(api().register(input())).rejects.toMatchObject({ code: 'trigger-not-enabled' });
    enableDevtools();
    await expect(api().simulate({ kind: 'backgroundfetch', taskId: 't', event: 'success' })).rejects.toMatchObject({ code: 'trigger-not-enabled' });
  });

  it('where the engine has no Background Fetch, register() fails with unsupported-trigger (details.api BackgroundFetchManager)', async () => {
    // A stand-in worker scope: the listeners land here, and a simulation's made-up events are dispatched to them.
    scope.self = { addEventListener: (type: string, fn: Listener) => listeners.set(type, fn), dispatchEvent: (e: Event) => listeners.get(e.type)?.(e), registration: withFetch };
    enableBackgroundFetch();
    expect([...listeners.keys()]).toEqual(expect.arrayContaining(['backgroundfetchsuccess', 'backgroundfetchfail', 'backgroundfetchabort', 'backgroundfetchclick']));
    scope.registration = { scope: 'https://app.test/' };
    await expect(api().register(input())).rejects.toMatchObject({ code: 'unsupported-trigger', details: { api: 'BackgroundFetchManager' } });
    scope.registration = withFetch;
    await expect(api().register(input())).resolves.toMatchObject({ created: true });
  });

  it('names the task from the fetch id, and leaves fetches that are not bgkit\'s alone', () => {
    expect(fetchTaskId('bgkit-fetch:abc:123')).toBe('abc');
    expect(fetchTaskId('bgkit-fetch::123')).toBeUndefined();
    expect(fetchTaskId('my-own-fetch')).toBeUndefined();
  });

  it('reads the details during the event: statuses of answered records, null for an aborted one or one still downloading', async () => {
    const { event } = fetchEvent('backgroundfetchabort', 'bgkit-fetch:t:1', [{ url: 'https://app.test/a', status: 200 }, { url: 'https://app.test/b', status: null }], 'failure', 'aborted');
    expect(await fetchDetails(event as never)).toEqual({
      id: 'bgkit-fetch:t:1', event: 'abort', result: 'failure', failureReason: 'aborted', downloaded: 10, downloadTotal: 0, uploaded: 0, uploadTotal: 0,
      records: [{ url: 'https://app.test/a', method: 'GET', status: 200 }, { url: 'https://app.test/b', method: 'GET', status: null }],
    });
    const click = fetchEvent('backgroundfetchclick', 'bgkit-fetch:t:1', [{ url: 'https://app.test/a', status: 200 }], '');
    expect((await fetchDetails(click.event as never)).records).toEqual([{ url: 'https://app.test/a', method: 'GET', status: null }]);
  });

  it('backgroundfetchsuccess runs the named task; the run has the live event while it lasts; waitUntil holds until it is stored finished', async () => {
    const { registration } = await api().register(input());
    const { event, held } = fetchEvent('backgroundfetchsuccess', `bgkit-fetch:${registration.taskId}:1`, [{ url: 'https://app.test/a', status: 200 }]);
    seenDuringRun = undefined;
    listeners.get('backgroundfetchsuccess')!(event);
    expect(held()).toBeInstanceOf(Promise);
    await held();
    const [run] = await RunStore.query({ taskId: registration.taskId });
    expect(run).toMatchObject({ source: 'backgroundfetchsuccess', status: 'completed', triggerDetails: { event: 'success', records: [{ url: 'https://app.test/a', status: 200 }] } });
    expect(seenDuringRun).toBe(event);
    // Only while the run lasts: the browser keeps the records for the event alone.
    expect(backgroundFetchEvent({ instanceId: run!.instanceId })).toBeUndefined();
  });

  it('a fetch whose id is not bgkit\'s, or names a task that is gone, starts nothing', async () => {
    const foreign = fetchEvent('backgroundfetchsuccess', 'app-fetch', []);
    listeners.get('backgroundfetchsuccess')!(foreign.event);
    expect(foreign.held()).toBeUndefined();
    const gone = fetchEvent('backgroundfetchfail', 'bgkit-fetch:no-such-task:1', [], 'failure', 'bad-status');
    listeners.get('backgroundfetchfail')!(gone.event);
    await gone.held();
    expect(await RunStore.query({})).toEqual([]);
  });

  it('a devtools simulation goes through the same listener, recorded as simulated', async () => {
    enableDevtools();
    const { registration } = await api().register(input());
    await api().simulate({ kind: 'backgroundfetch', taskId: registration.taskId, event: 'fail', failureReason: 'bad-status', records: [{ url: 'https://app.test/x', status: 404 }] });
    const run = await until(async () => (await RunStore.query({ taskId: registration.taskId, status: 'completed' }))[0]);
    expect(run).toMatchObject({ source: 'simulated', triggerDetails: { event: 'fail', result: 'failure', failureReason: 'bad-status', records: [{ url: 'https://app.test/x', status: 404 }] } });
    // A plain devtools fire of the task (the panel's button) is a fetch that succeeded, with no records.
    await api().simulate({ kind: 'fire', taskId: registration.taskId });
    const fired = await until(async () => (await RunStore.query({ taskId: registration.taskId, status: 'completed' }))[1] && (await RunStore.query({ taskId: registration.taskId }))[0]);
    expect(fired).toMatchObject({ source: 'simulated', status: 'completed', triggerDetails: { event: 'success', result: 'success', records: [] } });
  });

  it('checks a simulated backgroundfetch', () => {
    const ok: Simulation[] = [
      { kind: 'backgroundfetch', taskId: 't', event: 'click' },
      { kind: 'backgroundfetch', taskId: 't', event: 'abort', downloaded: 0, records: [{ url: 'https://a.test/', status: null }] },
    ];
    for (const simulation of ok) expect(() => validateSimulation(simulation)).not.toThrow();
    const bad = [
      { kind: 'backgroundfetch', event: 'success' },
      { kind: 'backgroundfetch', taskId: 't', event: 'done' },
      { kind: 'backgroundfetch', taskId: 't', event: 'success', downloaded: -1 },
      { kind: 'backgroundfetch', taskId: 't', event: 'success', records: {} },
      { kind: 'backgroundfetch', taskId: 't', event: 'success', records: [{ url: '', status: 200 }] },
      { kind: 'backgroundfetch', taskId: 't', event: 'success', records: [{ url: 'https://a.test/', status: 0 }] },
      { kind: 'backgroundfetch', taskId: 't', event: 'fail', failureReason: 3 },
    ];
    for (const simulation of bad) expect(() => validateSimulation(simulation as Simulation), JSON.stringify(simulation)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});
