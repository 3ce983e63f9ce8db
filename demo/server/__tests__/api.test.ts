import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../api.mjs';
import { createPusher, loadVapidKeys } from '../push.mjs';
import { openStore } from '../store.mjs';

let dir: string;
let server: Server;
let base: string;
let sent: { endpoint: string; payload: string }[];
let pushOutcome: 'ok' | 'unreachable' | 'gone';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inbox-api-'));
  sent = [];
  pushOutcome = 'ok';
  const store = await openStore(dir, { seed: false });
  const pusher = createPusher({
    keys: await loadVapidKeys(dir),
    send: async (subscription, payload) => {
      if (pushOutcome === 'unreachable') throw Object.assign(new Error('getaddrinfo ENOTFOUND push.example'), { code: 'ENOTFOUND' });
      if (pushOutcome === 'gone') throw Object.assign(new Error('Received unexpected response code'), { statusCode: 410 });
      sent.push({ endpoint: subscription.endpoint, payload });
      return { statusCode: 201 };
    },
  });
  const api = createApi({ store, pusher });
  server = createServer(async (req, res) => {
    if (!(await api(req, res))) res.writeHead(404).end('not api');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body?: unknown) =>
  fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
// The answers' shapes are what these tests check.
const read = (response: Response): Promise<any> => response.json();
const subscribe = () => post('/api/push/subscriptions', { endpoint: 'https://push.example/1', keys: { p256dh: 'BNcR', auth: 'x' } });

describe('the inbox API', () => {
  it('sends, lists since a cursor and archives', async () => {
    const empty = await read(await fetch(`${base}/api/messages`));
    expect(empty).toEqual({ messages: [], cursor: 0 });
    const send = await post('/api/messages', { clientId: 'k1', to: 'ada@example.com', subject: 'Hi' });
    expect(send.status).toBe(201);
    const { message } = await read(send);
    expect((await post('/api/messages', { clientId: 'k1', to: 'ada@example.com', subject: 'Hi' })).status).toBe(200);
    const listed = await read(await fetch(`${base}/api/messages?since=0`));
    expect(listed.messages).toEqual([message]);
    const archived = await post(`/api/messages/${message.id}/archive`);
    expect(await read(archived)).toMatchObject({ message: { id: message.id, folder: 'archive' } });
    const changed = await read(await fetch(`${base}/api/messages?since=${listed.cursor}`));
    expect(changed.messages.map((m: { folder: string }) => m.folder)).toEqual(['archive']);
  });

  it('answers errors as JSON', async () => {
    const bad = await post('/api/messages', { to: 'x' });
    expect(bad.status).toBe(400);
    expect(await read(bad)).toMatchObject({ error: 'invalid-message' });
    const notJson = await fetch(`${base}/api/messages`, { method: 'POST', body: '{nope' });
    expect(await read(notJson)).toMatchObject({ error: 'invalid-json' });
    expect((await post('/api/messages/unknown/archive')).status).toBe(404);
    expect(await read(await fetch(`${base}/api/messages`, { method: 'DELETE' }))).toMatchObject({ error: 'method-not-allowed' });
    expect((await fetch(`${base}/api/messages?since=abc`)).status).toBe(400);
    expect((await fetch(`${base}/api/nothing`)).status).toBe(404);
    expect((await post('/api/messages', { to: 'a@b.example', body: 'x'.repeat(70_000) })).status).toBe(413);
  });

  it('gives out the public VAPID key it made and keeps it', async () => {
    const { publicKey } = await read(await fetch(`${base}/api/push/key`));
    expect(publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    expect(JSON.parse(await readFile(join(dir, 'vapid.json'), 'utf8')).publicKey).toBe(publicKey);
    expect((await loadVapidKeys(dir)).publicKey).toBe(publicKey);
  });

  it('pushes new mail to every subscription', async () => {
    expect((await subscribe()).status).toBe(201);
    const answer = await post('/api/push', { from: 'Ada <ada@example.com>', subject: 'Ping' });
    expect(answer.status).toBe(200);
    const { mail, delivered } = await read(answer);
    expect(delivered).toBe(1);
    expect(JSON.parse(sent[0]!.payload)).toEqual({ type: 'new-mail', id: mail.id, from: 'Ada <ada@example.com>', subject: 'Ping' });
  });

  it('fails clearly when nobody subscribed or the push service is out of reach, and still keeps the mail', async () => {
    const none = await post('/api/push', { subject: 'Nobody told' });
    expect(none.status).toBe(409);
    expect(await read(none)).toMatchObject({ error: 'no-subscription', mail: { subject: 'Nobody told' } });
    await subscribe();
    pushOutcome = 'unreachable';
    const failed = await post('/api/push', { subject: 'Lost push' });
    expect(failed.status).toBe(502);
    const body = await read(failed);
    expect(body).toMatchObject({ error: 'push-failed', mail: { subject: 'Lost push' } });
    expect(body.message).toContain('ENOTFOUND');
    const all = await read(await fetch(`${base}/api/messages`));
    expect(all.messages.map((m: { subject: string }) => m.subject)).toEqual(['Nobody told', 'Lost push']);
  });

  it('forgets subscriptions the push service reports gone', async () => {
    await subscribe();
    pushOutcome = 'gone';
    expect((await post('/api/push')).status).toBe(502);
    expect((await post('/api/push')).status).toBe(409);
  });
});
