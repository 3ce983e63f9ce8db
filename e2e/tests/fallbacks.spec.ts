// The same scenarios where the browser has no Background Sync and no Periodic Background Sync (as in
// Firefox and Safari): the worker script is served with both APIs deleted before bgkit loads.
import type { Page } from '@playwright/test';
import { expect, fakeOutbox, makeOverdue, openApp, registerTask, sendThroughOutbox, setOffline, test as base } from '../fixtures';
import type { ServiceWorkerCdp } from '@bgkit/devtools/playwright';
import { deviceState, pendingOf, runsOf } from '../support/page';

const test = base.extend<{ app: Page; cdp: ServiceWorkerCdp }>({
  app: async ({ page, context }, use) => {
    await context.route('**/sw.js', async (route) => {
      const response = await route.fetch();
      const hide = 'delete ServiceWorkerRegistration.prototype.sync; delete ServiceWorkerRegistration.prototype.periodicSync;\n';
      await route.fulfill({ response, body: hide + (await response.text()) });
    });
    await openApp(page);
    await use(page);
  },
});

test('the worker really lacks both APIs here', async ({ app, context }) => {
  const seen = await context.serviceWorkers()[0]!.evaluate(() => {
    const { registration } = self as unknown as { registration: object };
    return { sync: 'sync' in registration, periodicSync: 'periodicSync' in registration };
  });
  expect(seen).toEqual({ sync: false, periodicSync: false });
  await expect(app.locator('#worker')).toHaveText('ready');
});

test('a time trigger falls back to catch-up on the next worker wake', async ({ app, cdp }) => {
  const { taskId, scheduledVia: via } = await registerTask(app, { name: 'Refresh inbox', entryPoint: 'inbox.refresh', trigger: { type: 'time', freshnessTime: 15, oneShot: false } });
  expect(via).toBe('catch-up');
  await makeOverdue(app, taskId);
  await cdp.stopWorker();
  await expect.poll(async () => (await runsOf(app, taskId)).map((r) => `${r.source}:${r.status}`)).toEqual(['catch-up:completed']);
});

test('internetAvailable falls back to the pages relaying online', async ({ app, context }) => {
  const { taskId } = await registerTask(app, { name: 'Back online', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'internetAvailable', oneShot: false } });
  await context.setOffline(true);
  await expect.poll(() => deviceState(app)).toMatchObject({ online: false });
  await context.setOffline(false);
  await expect.poll(async () => (await runsOf(app, taskId)).map((r) => `${r.source}:${r.status}`)).toEqual(['page:completed']);
});

test('a trigger pending on internetAvailable is replayed on reconnect, also across a worker restart', async ({ app, context, cdp }) => {
  const { taskId } = await registerTask(app, { name: 'Push when online', entryPoint: 'push.received', trigger: { type: 'push' }, conditions: ['internetAvailable'] });
  await context.setOffline(true);
  await cdp.deliverPush('"offline"');
  await expect.poll(async () => (await pendingOf(app)).length).toBe(1);
  await cdp.stopWorker();
  await context.setOffline(false);
  await expect.poll(async () => (await runsOf(app, taskId)).map((r) => r.status)).toEqual(['completed']);
  expect(await pendingOf(app)).toEqual([]);
});

test('a request queued offline is replayed when a page reports being back online', async ({ app, context }) => {
  const outbox = await fakeOutbox(context);
  await setOffline(context, outbox, true);
  const { run } = await sendThroughOutbox(app, 'no sync here');
  expect(run.result).toEqual({ sent: false, queued: true });
  await setOffline(context, outbox, false);
  await expect.poll(() => outbox.received).toEqual(['{"text":"no sync here"}']);
});

test('a request queued while the worker still saw the network is replayed on the next online report (a quick reconnect)', async ({ app, context }) => {
  const outbox = await fakeOutbox(context);
  // The send fails for want of a network, too briefly for the browser to go offline: no transition follows.
  outbox.offline = true;
  const { run } = await sendThroughOutbox(app, 'quick reconnect');
  expect(run.result).toEqual({ sent: false, queued: true });
  expect(await deviceState(app)).toMatchObject({ online: true });
  outbox.offline = false;
  // A second tab's first report says online, as the first tab's would after a reconnect the worker missed.
  await openApp(await context.newPage());
  await expect.poll(() => outbox.received).toEqual(['{"text":"quick reconnect"}']);
});
