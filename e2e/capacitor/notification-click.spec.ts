// A real, trusted click on a runner's notification (through the fake notification server of support/notifications,
// in a persistent profile) reaches the page's backgroundRunnerNotificationReceived listeners.
import { test as base, expect } from '@playwright/test';
import { notificationFixtures, type NotificationFixtures } from '../support/notifications';
import { dispatch, openRunnerApp } from './support';

const test = base.extend<NotificationFixtures>(notificationFixtures({ open: (page) => openRunnerApp(page) }));

test('a click on a runner\'s notification calls backgroundRunnerNotificationReceived listeners', async ({ page, server }) => {
  await page.evaluate(async () => {
    const w = window as unknown as { received: unknown[] };
    w.received = [];
    await window.capacitor.BackgroundRunner.addListener('backgroundRunnerNotificationReceived', (e) => w.received.push(e));
  });
  expect(await dispatch(page, 'notify', { id: 8, title: 'Tap me' })).toEqual({ ok: true, value: undefined });
  await expect.poll(() => server.shown.map((n) => n.summary)).toContain('Tap me');
  const shown = server.shown.find((n) => n.summary === 'Tap me')!;
  // actionTypeId names the notification's action type, not buttons: none is shown (Chromium lists buttons by
  // index, "0", "1", …, beside its own "default" and "settings" keys).
  expect(shown.actions.filter((key, i) => i % 2 === 0 && /^\d+$/.test(key))).toEqual([]);
  server.click(shown.id, 'default');
  // The body's click reports the type the runner scheduled it with.
  await expect.poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received)).toEqual([{ actionTypeId: 'OPEN_ORDER', notificationId: 8 }]);
  // removeNotificationListeners() stops them.
  await page.evaluate(() => window.capacitor.BackgroundRunner.removeNotificationListeners());
  expect(await dispatch(page, 'notify', { id: 9, title: 'Tap me too' })).toMatchObject({ ok: true });
  await expect.poll(() => server.shown.map((n) => n.summary)).toContain('Tap me too');
  server.click(server.shown.find((n) => n.summary === 'Tap me too')!.id, 'default');
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { received: unknown[] }).received)).toHaveLength(1);
});
