import type { Page } from '@playwright/test';
import { ServiceWorkerCdp } from '@bgkit/devtools/playwright';
import { expect, openApp, registerTask, test } from '../fixtures';
import { deviceState, pendingOf, runsInWorker, runsOf, setVisibility } from '../support/page';

/** Requests a ten-second export and waits until it is running. */
async function startLongRun(page: Page, taskId: string) {
  await page.evaluate(async (id) => {
    const reg = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(id)!;
    await (reg.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ steps: 40, delayMs: 250 });
  }, taskId);
  await expect.poll(async () => (await runsOf(page, taskId))[0]?.status).toBe('running');
}

test.describe('SystemCondition', () => {
  test('a push under an unmet internetAvailable condition waits as pending, then runs on reconnect', async ({ app, context, cdp }) => {
    const { taskId, conditions } = await registerTask(app, { name: 'Push when online', entryPoint: 'push.received', trigger: { type: 'push' }, conditions: ['internetAvailable'] });
    expect(conditions).toEqual(['internetAvailable']);
    await context.setOffline(true);
    await cdp.deliverPush('{"queued":true}'); // push still arrives while offline
    await expect.poll(async () => (await pendingOf(app, taskId)).length).toBe(1);
    expect(await runsOf(app, taskId)).toEqual([]);
    await context.setOffline(false);
    await expect.poll(async () => (await runsOf(app, taskId)).map((r) => r.status)).toEqual(['completed']);
    const [run] = await runsOf(app, taskId);
    expect(run).toMatchObject({ source: 'push', triggerDetails: { json: { queued: true } } });
    expect(await pendingOf(app, taskId)).toEqual([]);
  });

  test('a pending trigger survives a worker restart and runs when the condition holds', async ({ app, context, cdp }) => {
    const { taskId } = await registerTask(app, { name: 'Push when online', entryPoint: 'push.received', trigger: { type: 'push' }, conditions: ['internetAvailable'] });
    await context.setOffline(true);
    await cdp.deliverPush('"kept"');
    await expect.poll(async () => (await pendingOf(app, taskId)).length).toBe(1);
    await cdp.stopWorker();
    // Nothing in memory survived; the pending trigger is in IndexedDB, and a real sync wakes the new worker.
    await context.setOffline(false);
    await expect.poll(async () => (await runsOf(app, taskId)).map((r) => r.status)).toEqual(['completed']);
    expect((await runsOf(app, taskId))[0]!.triggerDetails).toEqual({ text: '"kept"', json: 'kept' });
  });

  test('a trigger waiting for sessionDisconnected runs once the last window of the app has closed', async ({ app, context, cdp }) => {
    const { taskId } = await registerTask(app, { name: 'When nobody looks', entryPoint: 'push.received', trigger: { type: 'push' }, conditions: ['sessionDisconnected'] });
    await cdp.deliverPush('"later"');
    await expect.poll(async () => (await pendingOf(app, taskId)).length).toBe(1);
    const blank = await context.newPage();
    await app.close();
    // No window of the app is left to ask: read the run history from inside the worker.
    await expect.poll(async () => (await runsInWorker(context)).filter((r) => r.taskId === taskId).map((r) => r.status)).toEqual(['completed']);
    await blank.close();
  });

  test('a request whose condition does not hold is accepted, waits, and runs when it holds', async ({ app }) => {
    const { taskId } = await registerTask(app, { name: 'While away', entryPoint: 'report.export', trigger: { type: 'application' }, conditions: ['userNotPresent'] });
    const answer = await app.evaluate(async (id) => {
      const reg = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(id)!;
      return (reg.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ steps: 1, delayMs: 0 });
    }, taskId);
    expect(answer).toBe('allowed');
    await expect.poll(async () => (await pendingOf(app, taskId)).length).toBe(1);
    await setVisibility(app, 'hidden');
    await expect.poll(async () => (await runsOf(app, taskId)).map((r) => r.status)).toEqual(['completed']);
  });

  test('cancelOnConditionLoss cancels a running task with conditionLoss when its condition stops holding', async ({ app }) => {
    const { taskId } = await registerTask(app, {
      name: 'Only while here',
      entryPoint: 'report.export',
      trigger: { type: 'application' },
      conditions: ['userPresent'],
      cancelOnConditionLoss: true,
    });
    await startLongRun(app, taskId);
    await setVisibility(app, 'hidden');
    await expect.poll(async () => (await runsOf(app, taskId))[0]).toMatchObject({ status: 'canceled', cancelReason: 'conditionLoss' });
  });

  test('going offline cancels a running task that needs the internet, with conditionLoss', async ({ app, context }) => {
    const { taskId } = await registerTask(app, {
      name: 'Needs the network',
      entryPoint: 'report.export',
      trigger: { type: 'application' },
      conditions: ['internetAvailable'],
      cancelOnConditionLoss: true,
    });
    await startLongRun(app, taskId);
    await context.setOffline(true);
    await expect.poll(async () => (await runsOf(app, taskId))[0]).toMatchObject({ status: 'canceled', cancelReason: 'conditionLoss' });
  });

  test('an unknown condition type is refused by register() with invalid-argument, and nothing is registered', async ({ app }) => {
    const refused = await app.evaluate(async () => {
      const k = window.bgkit;
      const builder = new k.BackgroundTaskBuilder();
      builder.name = 'Sunny export';
      builder.taskEntryPoint = 'report.export';
      builder.setTrigger(new k.ApplicationTrigger());
      builder.addCondition(new k.SystemCondition('sunny' as never));
      try {
        await builder.register();
        return 'registered';
      } catch (error) {
        const { code, details } = error as { code: string; details: unknown };
        return { code, details, names: [...(await k.BackgroundTaskRegistration.allTasks()).values()].map((r) => r.name) };
      }
    });
    expect(refused).toEqual({ code: 'invalid-argument', details: { condition: 'sunny' }, names: expect.not.arrayContaining(['Sunny export']) });
  });

  test('freeNetworkAvailable waits while the user saves data, and runs once they stop', async ({ page, context }) => {
    // A stand-in for the Network Information API, whose data-saving switch a test cannot flip.
    await context.addInitScript(() => {
      const connection = Object.assign(new EventTarget(), { saveData: true, effectiveType: '4g' });
      Object.defineProperty(navigator, 'connection', { configurable: true, value: connection });
      (window as unknown as { __setSaveData: (v: boolean) => void }).__setSaveData = (value) => {
        connection.saveData = value;
        connection.dispatchEvent(new Event('change'));
      };
    });
    await openApp(page);
    const { taskId } = await registerTask(page, { name: 'On a free network', entryPoint: 'push.received', trigger: { type: 'push' }, conditions: ['freeNetworkAvailable'] });
    await expect.poll(() => deviceState(page)).toMatchObject({ saveData: true });
    const cdp = await ServiceWorkerCdp.attach(page);
    await cdp.deliverPush('"big download"');
    await expect.poll(async () => (await pendingOf(page, taskId)).length).toBe(1);
    await page.evaluate(() => (window as unknown as { __setSaveData: (v: boolean) => void }).__setSaveData(false));
    await expect.poll(async () => (await runsOf(page, taskId)).map((r) => r.status)).toEqual(['completed']);
    await cdp.detach();
  });
});
