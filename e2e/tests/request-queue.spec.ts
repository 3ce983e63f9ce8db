import { expect, fakeOutbox, sendThroughOutbox as send, setOffline, test } from '../fixtures';

test('online, fetchOrQueue sends at once', async ({ app, context }) => {
  const outbox = await fakeOutbox(context);
  const { status, run } = await send(app, 'hello');
  expect(status).toBe('completed');
  expect(run.result).toEqual({ sent: true, status: 201 });
  expect(outbox.received).toEqual(['{"text":"hello"}']);
});

test('offline, the request is queued and a real sync sends it on reconnect', async ({ app, context }) => {
  const outbox = await fakeOutbox(context);
  await setOffline(context, outbox, true);
  const { run } = await send(app, 'written offline');
  expect(run.result).toEqual({ sent: false, queued: true });
  expect(outbox.received).toEqual([]);
  await setOffline(context, outbox, false);
  await expect.poll(() => outbox.received).toEqual(['{"text":"written offline"}']);
});

test('fetchOrQueue is refused to a task registered without isNetworkRequested', async ({ app }) => {
  const { status, run } = await send(app, 'x', false);
  expect(status).toBe('failed');
  expect(run.error).toMatchObject({ code: 'invalid-argument' });
});
