import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineRunner } from '../sw/defineRunner.js';
import { autoStartEntryPoint, dispatchEntryPoint, NOTIFICATION_CHANNEL, pushEntryPoint, scheduledEntryPoint } from '../shared/names.js';
import type { RunnerNotificationData } from '../sw/notifications.js';
import { definedTasks } from './workerStubs.js';

vi.mock('@bgkit/sw', async () => (await import('./workerStubs.js')).bgkitSw);

/** The worker's own event listeners, as defineRunner() adds them. */
const workerListeners = new Map<string, (event: unknown) => void>();

beforeAll(() => {
  vi.stubGlobal('self', { addEventListener: (type: string, listener: (event: unknown) => void) => workerListeners.set(type, listener) });
  defineRunner({ label: 'runner-a', runner: () => {} });
  defineRunner({ label: 'runner-b', runner: () => {}, timeLimit: 5_000 });
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
