// The worker entry with @bgkit/sw's defineTask replaced: what the executor receives, and the app state.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TaskManagerTaskBody } from '../types.js';

const defined = new Map<string, (task: { instanceId: string }) => Promise<unknown>>();
vi.mock('@bgkit/sw', () => ({
  defineTask: (entryPoint: string, handler: (task: { instanceId: string }) => Promise<unknown>) => void defined.set(entryPoint, handler),
}));

const { defineTask } = await import('../TaskManager.js');
defineTask('early', async (body) => body);
await import('../sw.js');
defineTask('late', async (body: TaskManagerTaskBody) => body);
defineTask('throws', async () => {
  throw new RangeError('out of range');
});
// The executor of expo-background-fetch's example is synchronous: it returns its value, or throws, at once.
defineTask('sync', () => 2);
defineTask('syncThrows', () => {
  throw new TypeError('not a feed');
});

function withClients(windows: { visibilityState: string; focused: boolean }[] | undefined) {
  vi.stubGlobal('clients', windows && { matchAll: async () => windows });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('@bgkit/expo/sw', () => {
  it('defines a bgkit task per Expo task, before and after its import', () => {
    expect([...defined.keys()]).toEqual(['expo:early', 'expo:late', 'expo:throws', 'expo:sync', 'expo:syncThrows']);
  });

  it("passes { data: {}, error: null, executionInfo } with the run's instance id", async () => {
    withClients([{ visibilityState: 'visible', focused: true }]);
    expect(await defined.get('expo:late')!({ instanceId: 'run-1' })).toEqual({
      data: {},
      error: null,
      executionInfo: { eventId: 'run-1', taskName: 'late', appState: 'active' },
    });
  });

  it("is 'background' unless a window is both visible and focused", async () => {
    const states = [];
    for (const windows of [[], [{ visibilityState: 'hidden', focused: true }], [{ visibilityState: 'visible', focused: false }], undefined]) {
      withClients(windows);
      states.push(((await defined.get('expo:early')!({ instanceId: 'r' })) as TaskManagerTaskBody).executionInfo.appState);
    }
    expect(states).toEqual(['background', 'background', 'background', 'background']);
  });

  it("lets the executor's error fail the run", async () => {
    withClients([]);
    await expect(defined.get('expo:throws')!({ instanceId: 'r' })).rejects.toThrow(RangeError);
  });

  it("runs a synchronous executor: its return value is the run's result, its throw fails the run", async () => {
    withClients([]);
    await expect(defined.get('expo:sync')!({ instanceId: 'r' })).resolves.toBe(2);
    // A throw before any await still reaches bgkit as the handler's rejection, not as an exception of the call.
    const run = defined.get('expo:syncThrows')!({ instanceId: 'r' });
    expect(run).toBeInstanceOf(Promise);
    await expect(run).rejects.toThrow(TypeError);
  });
});
