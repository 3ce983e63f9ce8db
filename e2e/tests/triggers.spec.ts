import type { Page } from '@playwright/test';
import { expect, grantPeriodicSync, makeOverdue, registerTask, test } from '../fixtures';
import { runsOf, settledRuns } from '../support/page';

/** The periodic sync tags the browser holds for the app's worker (Chromium-only API, absent from TS's lib). */
function periodicTags(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      periodicSync: { getTags(): Promise<string[]> };
    };
    return registration.periodicSync.getTags();
  });
}

test.describe('PushNotificationTrigger', () => {
  test('a push message runs the task with its payload as text and JSON', async ({ app, cdp }) => {
    const { taskId } = await registerTask(app, { name: 'Push inbox', entryPoint: 'push.received', trigger: { type: 'push' } });
    await cdp.deliverPush('{"from":"ada","count":2}');
    const [json] = await settledRuns(app, taskId, 1);
    expect(json).toMatchObject({
      status: 'completed',
      source: 'push',
      trigger: 'push',
      triggerDetails: { text: '{"from":"ada","count":2}', json: { from: 'ada', count: 2 } },
    });
    await cdp.deliverPush('plain words');
    const [plain] = await settledRuns(app, taskId, 2);
    expect(plain!.triggerDetails).toEqual({ text: 'plain words' });
    await cdp.deliverPush('');
    const [empty] = await settledRuns(app, taskId, 3);
    expect(empty!.triggerDetails).toEqual({ text: null });
    await expect(app.locator('#activity')).toContainText('Push inbox: push plain words');
  });

  test('a push wakes a stopped worker and still runs the task', async ({ app, cdp }) => {
    const { taskId } = await registerTask(app, { name: 'Push inbox', entryPoint: 'push.received', trigger: { type: 'push' } });
    await cdp.stopWorker();
    await cdp.deliverPush('{"n":1}');
    const [run] = await settledRuns(app, taskId, 1);
    expect(run).toMatchObject({ status: 'completed', triggerDetails: { json: { n: 1 } } });
  });
});

test.describe('TimeTrigger', () => {
  test('refuses a freshness time under 15 minutes or not in whole minutes', async ({ app }) => {
    const codes = await app.evaluate(() => {
      const { TimeTrigger } = window.bgkit;
      const attempt = (fn: () => unknown) => {
        try {
          fn();
          return 'no error';
        } catch (error) {
          return (error as { code: string }).code;
        }
      };
      return [
        attempt(() => new TimeTrigger(14, false)),
        attempt(() => new TimeTrigger(15.5, false)),
        attempt(() => new TimeTrigger(15, 'yes' as never)),
        attempt(() => new TimeTrigger(15, false)),
      ];
    });
    expect(codes).toEqual(['invalid-trigger', 'invalid-trigger', 'invalid-trigger', 'no error']);
  });

  test('with periodic sync granted, a native periodicsync runs it and the schedule moves on', async ({ app, cdp }) => {
    const grant = await grantPeriodicSync(app);
    const before = Date.now();
    const { taskId, nextRunTime, scheduledVia: via } = await registerTask(app, { name: 'Refresh inbox', entryPoint: 'inbox.refresh', trigger: { type: 'time', freshnessTime: 15, oneShot: false } });
    expect(via).toBe('periodicsync');
    expect(nextRunTime! - before).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect(nextRunTime! - before).toBeLessThanOrEqual(15 * 60_000 + 5000);
    const tags = await periodicTags(app);
    expect(tags).toContain(`bgkit:${taskId}`);

    await cdp.dispatchPeriodicSync(`bgkit:${taskId}`);
    const [run] = await settledRuns(app, taskId, 1);
    expect(run).toMatchObject({ status: 'completed', source: 'periodicsync', trigger: 'time' });
    await expect
      .poll(async () => app.evaluate(async (id) => (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(id)?.nextRunTime?.getTime(), taskId))
      .toBeGreaterThan(nextRunTime!);

    // Unregistering drops the browser's periodic sync tag too.
    await app.evaluate(async (id) => (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(id)!.unregister(false), taskId);
    const after = await periodicTags(app);
    expect(after).not.toContain(`bgkit:${taskId}`);
    await grant.detach();
  });

  test('a one-shot time trigger runs once and is then unregistered', async ({ app, cdp }) => {
    const grant = await grantPeriodicSync(app);
    const { taskId } = await registerTask(app, { name: 'Refresh once', entryPoint: 'inbox.refresh', trigger: { type: 'time', freshnessTime: 30, oneShot: true } });
    await cdp.dispatchPeriodicSync(`bgkit:${taskId}`);
    await settledRuns(app, taskId, 1);
    await expect
      .poll(async () => app.evaluate(async (id) => (await window.bgkit.BackgroundTaskRegistration.allTasks()).has(id), taskId))
      .toBe(false);
    await grant.detach();
  });

  test('without periodic sync, an overdue task runs when the worker next wakes (catch-up)', async ({ app, cdp }) => {
    const { taskId, scheduledVia: via } = await registerTask(app, { name: 'Refresh inbox', entryPoint: 'inbox.refresh', trigger: { type: 'time', freshnessTime: 15, oneShot: false } });
    expect(via).toBe('catch-up');
    // Fifteen minutes pass while no worker runs: make the stored schedule overdue, then kill the worker.
    await makeOverdue(app, taskId);
    await cdp.stopWorker();
    // This call wakes a fresh worker, which catches up before it answers: the run is already recorded.
    expect((await runsOf(app, taskId)).map((r) => r.source)).toEqual(['catch-up']);
    const [run] = await settledRuns(app, taskId, 1);
    expect(run).toMatchObject({ status: 'completed', source: 'catch-up', trigger: 'time' });
    const next = await app.evaluate(async (id) => (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(id)!.nextRunTime!.getTime(), taskId);
    expect(next).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  test('the heartbeat of an open page runs an overdue task without a worker restart', async ({ app }) => {
    const { taskId } = await registerTask(app, { name: 'Refresh inbox', entryPoint: 'inbox.refresh', trigger: { type: 'time', freshnessTime: 15, oneShot: false } });
    await makeOverdue(app, taskId);
    await app.evaluate(() => window.dispatchEvent(new Event('focus')));
    const [run] = await settledRuns(app, taskId, 1);
    expect(run).toMatchObject({ status: 'completed', source: 'catch-up' });
  });
});
