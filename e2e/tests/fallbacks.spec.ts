// The same scenarios where the browser has no Background Sync and no Periodic Background Sync (as in
// Firefox and Safari): the worker script is served with both APIs deleted before bgkit loads.
import type { Page } from '@playwright/test';
import { expect, fakeOutbox, makeOverdue, openDemo, sendThroughOutbox, setOffline, test as base } from '../fixtures';
import type { ServiceWorkerCdp } from '@bgkit/devtools/playwright';

const test = base.extend<{ app: Page; cdp: ServiceWorkerCdp }>({
  app: async ({ page, context }, use) => {
    await context.route('**/sw.js', async (route) => {
      const response = await route.fetch();
      const hide = 'delete ServiceWorkerRegistration.prototype.sync; delete ServiceWorkerRegistration.prototype.periodicSync;\n';
      await route.fulfill({ response, body: hide + (await response.text()) });
    });
    await openDemo(page);
    await use(page);
  },
});

const runsOf = (page: Page, taskId: string) => page.evaluate((id) => window.bgkit.BackgroundExecutionManager.runs({ taskId: id }), taskId);

function register(page: Page, name: string, entryPoint: string, trigger: 'time' | 'internet' | 'push-online') {
  return page.evaluate(
    async ({ name, entryPoint, trigger }) => {
      const { BackgroundTaskBuilder, TimeTrigger, SystemTrigger, PushNotificationTrigger, SystemCondition } = window.bgkit;
      const builder = new BackgroundTaskBuilder();
      builder.name = name;
      builder.taskEntryPoint = entryPoint;
      if (trigger === 'time') builder.setTrigger(new TimeTrigger(15, false));
      else if (trigger === 'internet') builder.setTrigger(new SystemTrigger('internetAvailable', false));
      else {
        builder.setTrigger(new PushNotificationTrigger());
        builder.addCondition(new SystemCondition('internetAvailable'));
      }
      const registration = await builder.register();
      return { taskId: registration.taskId, via: registration.scheduledVia };
    },
    { name, entryPoint, trigger },
  );
}

test('the worker really lacks both APIs here', async ({ app, context }) => {
  const seen = await context.serviceWorkers()[0]!.evaluate(() => {
    const { registration } = self as unknown as { registration: object };
    return { sync: 'sync' in registration, periodicSync: 'periodicSync' in registration };
  });
  expect(seen).toEqual({ sync: false, periodicSync: false });
  await expect(app.locator('#worker')).toHaveText('ready');
});

test('a time trigger falls back to catch-up on the next worker wake', async ({ app, cdp }) => {
  const { taskId, via } = await register(app, 'Refresh inbox', 'inbox.refresh', 'time');
  expect(via).toBe('catch-up');
  await makeOverdue(app, taskId);
  await cdp.stopWorker();
  await expect.poll(async () => (await runsOf(app, taskId)).map((r) => `${r.source}:${r.status}`)).toEqual(['catch-up:completed']);
});

test('internetAvailable falls back to the pages relaying online', async ({ app, context }) => {
  const { taskId } = await register(app, 'Back online', 'system.react', 'internet');
  await context.setOffline(true);
  await expect.poll(() => app.evaluate(() => window.bgkit.BackgroundExecutionManager.deviceState())).toMatchObject({ online: false });
  await context.setOffline(false);
  await expect.poll(async () => (await runsOf(app, taskId)).map((r) => `${r.source}:${r.status}`)).toEqual(['page:completed']);
});

test('a trigger pending on internetAvailable is replayed on reconnect, also across a worker restart', async ({ app, context, cdp }) => {
  const { taskId } = await register(app, 'Push when online', 'push.received', 'push-online');
  await context.setOffline(true);
  await cdp.deliverPush('"offline"');
  await expect.poll(async () => (await app.evaluate(() => window.bgkit.BackgroundExecutionManager.pending())).length).toBe(1);
  await cdp.stopWorker();
  await context.setOffline(false);
  await expect.poll(async () => (await runsOf(app, taskId)).map((r) => r.status)).toEqual(['completed']);
  expect(await app.evaluate(() => window.bgkit.BackgroundExecutionManager.pending())).toEqual([]);
});

test('a request queued offline is replayed when a page reports being back online', async ({ app, context }) => {
  const outbox = await fakeOutbox(context);
  await setOffline(context, outbox, true);
  const { run } = await sendThroughOutbox(app, 'no sync here');
  expect(run.result).toEqual({ sent: false, queued: true });
  await setOffline(context, outbox, false);
  await expect.poll(() => outbox.received).toEqual(['{"text":"no sync here"}']);
});
