// The events Capacitor fires by itself: remoteNotification on a push, the autoStart event on its schedule;
// and what runners show: notifications (id as tag), scheduled ones, the badge.
import { test, expect } from '@bgkit/devtools/playwright/test';
import type { Page } from '@playwright/test';
import { makeOverdue } from '../fixtures';
import { dispatch, LABEL, openRunnerApp, taskNamed } from './support';

test.use({ permissions: ['notifications', 'background-sync'] });

const AUTO_START = `${LABEL} · myCustomEvent (autoStart)`;
const PUSH = `${LABEL} · remoteNotification`;

function notifications(page: Page, tag?: string) {
  return page.evaluate(async (tag) => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications(tag === undefined ? undefined : { tag })).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown }));
  }, tag);
}

function kv(page: Page, key: string) {
  return page.evaluate(([label, key]) => window.capacitor.getRunnerKV(label, key), [LABEL, key] as const);
}

test('a push message (CDP) runs remoteNotification with the payload as args', async ({ page, bgkit }) => {
  await openRunnerApp(page);
  expect(await bgkit.deliverPush({ orderId: 42, kind: 'silent' })).toEqual({ via: 'real' });
  const run = await bgkit.waitForRun(PUSH);
  expect(run).toMatchObject({ status: 'completed', source: 'push', result: { orderId: 42, kind: 'silent' } });
  expect(await kv(page, 'lastPush')).toEqual({ value: JSON.stringify({ orderId: 42, kind: 'silent' }) });
  // The runner's own notification, from Capacitor's README example.
  await expect.poll(() => notifications(page, '100')).toEqual([
    expect.objectContaining({ title: 'Enterprise Background Runner', body: 'Received silent push notification', tag: '100' }),
  ]);
});

test('a push to a runner without a remoteNotification listener completes having run nothing; the runner that listens runs', async ({ page, bgkit }) => {
  const DISPATCH_ONLY = 'com.example.dispatch-only';
  await openRunnerApp(page, '/?dispatch-only');
  expect(await bgkit.deliverPush({ orderId: 7 })).toEqual({ via: 'real' });
  expect(await bgkit.waitForRun(`${DISPATCH_ONLY} · remoteNotification`)).toMatchObject({ status: 'completed', source: 'push', result: { handled: false, event: 'remoteNotification' } });
  expect(await bgkit.waitForRun(PUSH)).toMatchObject({ status: 'completed', source: 'push', result: { orderId: 7 } });
  expect(await bgkit.runs({ status: 'failed' })).toEqual([]);
  // The events the app dispatches to it run as ever.
  expect(await dispatch(page, 'ping', {}, DISPATCH_ONLY)).toEqual({ ok: true, value: 'pong' });
});

test('the autoStart event runs on a periodic sync (CDP)', async ({ page, bgkit }) => {
  await openRunnerApp(page);
  expect(await bgkit.dispatchPeriodicSync(await bgkit.periodicSyncTag(AUTO_START))).toEqual({ via: 'real' });
  const run = await bgkit.waitForRun(AUTO_START);
  expect(run).toMatchObject({ status: 'completed', source: 'periodicsync', result: { scheduled: true } });
  expect(await kv(page, 'scheduledRuns')).toEqual({ value: '1' });
});

test('the autoStart event catches up at the next worker wake once it is due', async ({ page, bgkit }) => {
  await openRunnerApp(page);
  const task = await taskNamed(page, AUTO_START);
  expect(task?.trigger).toEqual({ type: 'time', freshnessTime: 15, oneShot: false });
  await makeOverdue(page, task!.taskId);
  await bgkit.stopServiceWorker();
  await expect.poll(async () => (await bgkit.runs({ taskName: AUTO_START })).map((r) => `${r.source}:${r.status}`)).toEqual(['catch-up:completed']);
  expect(await kv(page, 'scheduledRuns')).toEqual({ value: '1' });
});

test('a scheduled notification is shown with its id as tag, extra as data and actionTypeId kept', async ({ page }) => {
  await openRunnerApp(page);
  expect(await dispatch(page, 'notify', { id: 7, title: 'Order shipped' })).toEqual({ ok: true, value: undefined });
  expect(await notifications(page, '7')).toEqual([
    {
      title: 'Order shipped',
      body: 'From the runner',
      tag: '7',
      data: { extra: { orderId: 7 }, capacitor: { label: LABEL, id: 7, actionTypeId: 'OPEN_ORDER' } },
    },
  ]);
});

test('a notification scheduled in the future is shown no earlier than its time, at the next runner event', async ({ page }) => {
  await openRunnerApp(page);
  expect(await dispatch(page, 'notifyLater', { id: 9, inMs: 1_000 })).toMatchObject({ ok: true });
  expect(await notifications(page, '9')).toEqual([]);
  await page.waitForTimeout(1_200);
  expect(await dispatch(page, 'asyncEcho', {})).toMatchObject({ ok: true });
  expect(await notifications(page, '9')).toEqual([expect.objectContaining({ title: 'Later', tag: '9' })]);
});

test('a notification scheduled for later is a one-shot TimeTrigger task: the first worker wake after its time shows it', async ({ page, bgkit }) => {
  await openRunnerApp(page);
  expect(await dispatch(page, 'notifyLater', { id: 21, inMs: 20 * 60_000 })).toMatchObject({ ok: true });
  const name = `${LABEL} · notification 21 (scheduleAt)`;
  const task = await taskNamed(page, name);
  // Due in 20 minutes (whole minutes, never before scheduleAt), once.
  expect(task?.trigger).toEqual({ type: 'time', freshnessTime: 20, oneShot: true });
  expect(await notifications(page, '21')).toEqual([]);
  // Its time has come while no worker ran (the stored notification's time and the task's schedule moved into
  // the past): the next wake, here the page's next call, catches it up, with no runner event needed.
  await page.evaluate(async (label) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('bgkit-capacitor');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = db.transaction('scheduled', 'readwrite').objectStore('scheduled');
    await new Promise<void>((resolve, reject) => {
      const get = store.get([label, 21]);
      get.onsuccess = () => {
        const put = store.put({ ...get.result, at: Date.now() - 60_000 });
        put.onsuccess = () => resolve();
        put.onerror = () => reject(put.error);
      };
    });
    db.close();
  }, LABEL);
  await makeOverdue(page, task!.taskId);
  await bgkit.stopServiceWorker();
  await expect.poll(async () => (await bgkit.runs({ status: 'completed' })).filter((r) => r.name === name).map((r) => `${r.source}:${JSON.stringify(r.result)}`)).toEqual([
    'catch-up:{"shown":1}',
  ]);
  expect(await notifications(page, '21')).toEqual([expect.objectContaining({ title: 'Later', tag: '21' })]);
  // A one-shot trigger is unregistered after its run.
  expect(await taskNamed(page, name)).toBeNull();
});

test('setBadge, clearBadge and getBadge: the count is kept across events', async ({ page }) => {
  await openRunnerApp(page);
  expect(await dispatch(page, 'badge', { count: 3 })).toEqual({ ok: true, value: { count: 3 } });
  expect(await dispatch(page, 'badgeRead')).toEqual({ ok: true, value: { count: 3 } });
  expect(await dispatch(page, 'badge', { count: 0 })).toEqual({ ok: true, value: { count: 0 } });
  expect(await dispatch(page, 'badgeRead')).toEqual({ ok: true, value: { count: 0 } });
});
