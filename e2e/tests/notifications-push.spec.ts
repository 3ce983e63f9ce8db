import { expect, runDigest, test } from '../fixtures';

test.describe('notifications from tasks', () => {
  test.use({ permissions: ['notifications', 'background-sync'] });

  test('showTaskNotification shows the actions and links the notification to its task', async ({ app }) => {
    const { taskId, status } = await runDigest(app, 3);
    expect(status).toBe('completed');
    const shown = await app.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications({ tag: 'digest' })).map((n) => ({
        title: n.title,
        body: n.body,
        actions: (n as unknown as { actions: { action: string; title: string }[] }).actions.map((a) => [a.action, a.title]),
        data: n.data,
      })),
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      title: '3 new messages',
      body: 'From the bgkit demo',
      actions: [['archive', 'Archive'], ['open', 'Open']],
      data: { value: { count: 3 }, bgkit: { taskId } },
    });
  });
});

test('without notification permission the task fails with notifications-denied', async ({ app }) => {
  const { status, run } = await runDigest(app, 1);
  expect(status).toBe('failed');
  expect(run).toMatchObject({ error: { name: 'BgkitError', code: 'notifications-denied' } });
});

test('subscribeToPush reports the browser refusing with push-denied', async ({ app }) => {
  const code = await app.evaluate(async () => {
    try {
      await window.bgkit.subscribeToPush('BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', { timeout: 8000 });
      return 'subscribed';
    } catch (error) {
      return (error as { code: string }).code;
    }
  });
  // Chromium's off-the-record profiles refuse push subscriptions outright.
  expect(code).toBe('push-denied');
});

