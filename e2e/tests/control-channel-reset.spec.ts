// SystemTrigger `controlChannelReset`: the worker's `pushsubscriptionchange` (the push channel was reset).
//
// No test here makes Chromium fire a real, trusted pushsubscriptionchange, because nothing can:
// - CDP's ServiceWorker domain has no command for it (ChromeDevTools/devtools-protocol
//   pdl/domains/ServiceWorker.pdl; playwright-core 1.65's protocol.d.ts lists deliverPushMessage,
//   dispatchSyncEvent and dispatchPeriodicSyncEvent, nothing else that fires an event);
// - the browser fires it only for a subscription it holds (refreshed, revoked, lost), and a Playwright context
//   cannot hold one: pushManager.subscribe() rejects in newContext() and never settles in a persistent
//   context (seen with Chromium 156; the first test below checks the first half again, no test pins the second).
// So the tests take the two next-best paths, and say which: the devtools simulation (what apps' own tests use,
// through the driver), and a PushSubscriptionChangeEvent constructed inside the worker's realm with
// Playwright's worker.evaluate(), which bgkit's real listener receives as it would the browser's event.
import { BgkitDriver } from '@bgkit/devtools/playwright';
import type { Worker } from '@playwright/test';
import { expect, registerTask, test } from '../fixtures';
import { bgkitDatabase, completedRuns, readStore } from '../support/page';

const controlChannelReset = { name: 'Push channel reset', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'controlChannelReset', oneShot: false } } as const;
const subscription = (endpoint: string) => ({ endpoint, expirationTime: null, keys: { p256dh: 'BPk', auth: 'x1' } });

test.describe('SystemTrigger controlChannelReset (pushsubscriptionchange)', () => {
  test('registers in Chromium, which has the Push API but gives a test context no subscription to reset', async ({ app, context }) => {
    const { taskId } = await registerTask(app, controlChannelReset);
    expect(taskId).toBeTruthy();
    // Why no real event can be caused here (see the top of this file): the subscription itself is refused.
    const subscribed = await app.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const key = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';
      return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }).then(
        () => 'subscribed',
        (error: Error) => error.name,
      );
    });
    expect(subscribed).toBe('AbortError');
    // The worker sees the event's interface: bgkit's listener is for an event Chromium can fire.
    const worker = context.serviceWorkers()[0]!;
    expect(await worker.evaluate(() => typeof (self as unknown as { PushSubscriptionChangeEvent?: unknown }).PushSubscriptionChangeEvent)).toBe('function');
  });

  test('simulated (the devtools path): the driver fires it, the task runs with both subscriptions', async ({ app }) => {
    const { taskId } = await registerTask(app, controlChannelReset);
    const bgkit = await BgkitDriver.attach(app);
    try {
      const change = { oldSubscription: subscription('https://push.test/old'), newSubscription: subscription('https://push.test/new') };
      expect(await bgkit.changePushSubscription(change)).toEqual({ via: 'simulated' });
      const run = await bgkit.waitForRun(controlChannelReset.name);
      expect(run).toMatchObject({ taskId, status: 'completed', source: 'simulated', triggerDetails: { systemType: 'controlChannelReset', ...change } });
      // A browser that gives neither subscription (w3c/push-api#325): both null.
      await bgkit.changePushSubscription();
      expect(await bgkit.waitForRun(controlChannelReset.name)).toMatchObject({ triggerDetails: { systemType: 'controlChannelReset', oldSubscription: null, newSubscription: null, options: null } });
      await expect(bgkit.changePushSubscription({ oldSubscription: 'https://push.test/old' as never })).rejects.toMatchObject({ code: 'invalid-argument' });
    } finally {
      await bgkit.detach();
    }
  });

  test("a PushSubscriptionChangeEvent made in the worker's realm reaches bgkit's listener; its waitUntil holds until the run is stored as finished", async ({ app, context }) => {
    const { taskId } = await registerTask(app, controlChannelReset);
    const worker: Worker = context.serviceWorkers()[0]!;
    // Not trusted (a script made it), so its own waitUntil would throw InvalidStateError
    // (https://w3c.github.io/ServiceWorker/#dom-extendableevent-waituntil):
    // the instance gets one that collects the listeners' promises, and the test waits for those, as the
    // browser would before letting the worker stop. Everything else is the browser's own event object.
    const dispatched = await worker.evaluate(async () => {
      // (This file is type-checked with the DOM lib, which has no worker types: the scope is described here.)
      const scope = self as unknown as EventTarget & { PushSubscriptionChangeEvent: new (type: string, init: object) => Event };
      const event = new scope.PushSubscriptionChangeEvent('pushsubscriptionchange', {});
      const held: Promise<unknown>[] = [];
      Object.defineProperty(event, 'waitUntil', { value: (promise: Promise<unknown>) => void held.push(promise) });
      scope.dispatchEvent(event);
      await Promise.all(held);
      return { held: held.length, trusted: event.isTrusted };
    });
    expect(dispatched).toEqual({ held: 1, trusted: false });
    // Read right after waitUntil's promise settled, with no wait: the run is already stored, and finished.
    const runs = await readStore<{ taskId: string; status: string; source: string; triggerDetails: unknown }>(worker, bgkitDatabase(worker.url()), 'runs');
    expect(runs.filter((r) => r.taskId === taskId)).toEqual([
      expect.objectContaining({ status: 'completed', source: 'pushsubscriptionchange', triggerDetails: { systemType: 'controlChannelReset', oldSubscription: null, newSubscription: null, options: null } }),
    ]);
    // And pages hear of it as of any run.
    await completedRuns(app, taskId, 1);
  });
});
