import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineRunner } from '../sw/defineRunner.js';
import { autoStartEntryPoint, dispatchEntryPoint, NOTIFICATION_CHANNEL, pushEntryPoint, scheduledEntryPoint } from '../shared/names.js';
import type { RunnerNotificationData } from '../sw/notifications.js';
import { definedTasks } from './workerStubs.js';

vi.mock('@bgkit/sw', async () => (await import('./workerStubs.js')).bgkitSw);
vi.mock('../sw/device.js', () => ({
  loadDevice: async () => ({ getBatteryStatus: () => ({ batteryLevel: -1, isCharging: false }), getNetworkStatus: () => ({ connected: true, connectionType: 'unknown' }) }),
  loadApp: async () => ({ getState: () => ({ isActive: false }), getInfo: () => ({ name: '', id: '', build: '', version: '' }) }),
}));

/** The worker's own event listeners, as defineRunner() adds them. */
const workerListeners = new Map<string, (event: unknown) => void>();

beforeAll(() => {
  vi.stubGlobal('self', { addEventListener: (type: string, listener: (event: unknown) => void) => workerListeners.set(type, listener) });
  defineRunner({ label: 'runner-a', runner: () => {} });
  defineRunner({ label: 'runner-b', runner: () => {}, timeLimit: 5_000 });
  // Written for Capacitor as such runners are: only the events the app dispatches itself, no remoteNotification.
  defineRunner({
    label: 'no-push-listener',
    runner: ({ addEventListener }) => {
      (addEventListener as (event: string, listener: (resolve: (v?: unknown) => void) => void) => void)('sync', (resolve) => resolve('synced'));
    },
  });
  defineRunner({
    label: 'push-listener',
    runner: ({ addEventListener }) => {
      (addEventListener as (event: string, listener: (resolve: (v?: unknown) => void, reject: unknown, args: unknown) => void) => void)('remoteNotification', (resolve, _reject, args) => resolve({ got: args }));
    },
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('defineRunner', () => {
  const entryPoints = (label: string) => [dispatchEntryPoint(label), autoStartEntryPoint(label), pushEntryPoint(label), scheduledEntryPoint(label)];

  it("gives every event of the runner iOS's 30 s unless told otherwise", () => {
    expect(entryPoints('runner-a').map((e) => definedTasks.get(e)?.options)).toEqual(Array(4).fill({ timeLimit: 30_000 }));
    expect(entryPoints('runner-b').map((e) => definedTasks.get(e)?.options)).toEqual(Array(4).fill({ timeLimit: 5_000 }));
  });
});

describe("a click on a runner's notification", () => {
  /** What the worker posts to the pages' backgroundRunnerNotificationReceived listeners for this click. */
  function click(event: { action: string; data: unknown }): unknown[] {
    const posted: unknown[] = [];
    vi.stubGlobal(
      'BroadcastChannel',
      class {
        constructor(readonly name: string) {}
        postMessage(message: unknown) {
          posted.push({ channel: this.name, message });
        }
        close() {}
      },
    );
    workerListeners.get('notificationclick')!({ action: event.action, notification: { data: event.data } });
    return posted;
  }

  const data: RunnerNotificationData = { extra: { orderId: 7 }, capacitor: { label: 'runner-a', id: 8, actionTypeId: 'OPEN_ORDER' } };

  it('reports the notification\'s own actionTypeId and id, as Capacitor does', () => {
    expect(click({ action: '', data })).toEqual([{ channel: NOTIFICATION_CHANNEL, message: { actionTypeId: 'OPEN_ORDER', notificationId: 8 } }]);
  });

  it('reports the actionTypeId even for a click on a button: Capacitor names the type, never the button', () => {
    expect(click({ action: 'archive', data })).toEqual([{ channel: NOTIFICATION_CHANNEL, message: { actionTypeId: 'OPEN_ORDER', notificationId: 8 } }]);
  });

  it("reports '' for a notification scheduled without actionTypeId, and nothing for notifications that are not a runner's", () => {
    expect(click({ action: '', data: { ...data, capacitor: { ...data.capacitor, actionTypeId: null } } })).toEqual([{ channel: NOTIFICATION_CHANNEL, message: { actionTypeId: '', notificationId: 8 } }]);
    expect(click({ action: '', data: { somethingElse: true } })).toEqual([]);
    expect(click({ action: '', data: null })).toEqual([]);
  });
});

describe('events Capacitor fires by itself', () => {
  /** Runs a defined task's handler as bgkit would, with these trigger details. */
  function run(entryPoint: string, triggerDetails: unknown) {
    vi.stubGlobal('self', { crypto: globalThis.crypto });
    return definedTasks.get(entryPoint)!.handler({ triggerDetails, signal: new AbortController().signal });
  }

  it('a push runs remoteNotification with the payload as args', async () => {
    await expect(run(pushEntryPoint('push-listener'), { text: '{"orderId":42}', json: { orderId: 42 } })).resolves.toEqual({ got: { orderId: 42 } });
  });

  it('a push to a runner without a remoteNotification listener completes having run nothing, instead of failing', async () => {
    await expect(run(pushEntryPoint('no-push-listener'), { text: 'ping', json: undefined })).resolves.toEqual({ handled: false, event: 'remoteNotification' });
  });

  it('an event the app dispatches itself still fails with invalid-argument when the runner has no listener for it', async () => {
    await expect(run(dispatchEntryPoint('no-push-listener'), { arguments: { event: 'remoteNotification', details: {} } })).rejects.toMatchObject({
      name: 'BgkitError',
      code: 'invalid-argument',
      details: { label: 'no-push-listener', event: 'remoteNotification' },
    });
    await expect(run(dispatchEntryPoint('no-push-listener'), { arguments: { event: 'sync', details: {} } })).resolves.toBe('synced');
  });
});
