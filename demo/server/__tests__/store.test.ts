import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWN_ADDRESS, openStore } from '../store.mjs';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inbox-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the mailbox store', () => {
  it('seeds a fresh mailbox once, and keeps it across a restart', async () => {
    const store = await openStore(dir);
    const { messages } = store.list();
    expect(messages.length).toBeGreaterThanOrEqual(5);
    expect(messages.some((m) => m.folder === 'inbox')).toBe(true);
    const again = await openStore(dir);
    expect(again.list().messages.map((m) => m.id)).toEqual(messages.map((m) => m.id));
  });

  it('starts empty without seeding', async () => {
    const store = await openStore(dir, { seed: false });
    expect(store.list()).toEqual({ messages: [], cursor: 0 });
  });

  it('lists only what changed after the cursor, even within one millisecond', async () => {
    const store = await openStore(dir, { now: () => 1000 });
    const { cursor } = store.list();
    expect(store.list({ since: cursor }).messages).toEqual([]);
    const a = await store.receive({ subject: 'a' });
    const b = await store.receive({ subject: 'b' });
    expect(b.updatedAt).toBeGreaterThan(a.updatedAt);
    const next = store.list({ since: cursor });
    expect(next.messages.map((m) => m.subject)).toEqual(['a', 'b']);
    expect(next.cursor).toBe(b.updatedAt);
    await store.archive(a.id);
    expect(store.list({ since: next.cursor }).messages).toMatchObject([{ id: a.id, folder: 'archive' }]);
  });

  it('sends into the sent folder, once per clientId', async () => {
    const store = await openStore(dir, { seed: false });
    const first = await store.send({ clientId: 'c1', to: 'ada@example.com', subject: 'Hi', body: 'There' });
    expect(first.created).toBe(true);
    expect(first.message).toMatchObject({ folder: 'sent', from: OWN_ADDRESS, to: 'ada@example.com', subject: 'Hi', body: 'There', clientId: 'c1' });
    const replay = await store.send({ clientId: 'c1', to: 'ada@example.com', subject: 'Hi', body: 'There' });
    expect(replay).toEqual({ message: first.message, created: false });
    expect(store.list().messages).toHaveLength(1);
  });

  it('delivers mail to your own address into your inbox as well', async () => {
    const store = await openStore(dir, { seed: false });
    await store.send({ clientId: 'self', to: OWN_ADDRESS, subject: 'Note to self' });
    expect(store.list().messages.map((m) => m.folder).sort()).toEqual(['inbox', 'sent']);
    // The inbox copy does not stop a replay from being recognised.
    expect((await store.send({ clientId: 'self', to: OWN_ADDRESS, subject: 'Note to self' })).created).toBe(false);
  });

  it('refuses malformed messages', async () => {
    const store = await openStore(dir, { seed: false });
    await expect(store.send({ to: 'nobody', subject: 'x' })).rejects.toMatchObject({ code: 'invalid-message', status: 400 });
    await expect(store.send({ to: 'a@b.example' })).rejects.toMatchObject({ code: 'invalid-message' });
    await expect(store.send({ to: 'a@b.example', subject: 42 })).rejects.toMatchObject({ code: 'invalid-message' });
    await expect(store.send({ to: 'a@b.example', body: 'x'.repeat(20_001) })).rejects.toMatchObject({ code: 'invalid-message' });
  });

  it('archives idempotently and reports unknown ids', async () => {
    const store = await openStore(dir, { seed: false });
    const m = await store.receive({ subject: 'old news' });
    const once = await store.archive(m.id);
    const stamp = once.updatedAt;
    expect((await store.archive(m.id)).updatedAt).toBe(stamp);
    await expect(store.archive('nope')).rejects.toMatchObject({ code: 'not-found', status: 404 });
  });

  it('writes atomically: the file is always whole JSON and no temp file stays behind', async () => {
    const store = await openStore(dir, { seed: false });
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.receive({ subject: `m${i}` })));
    await store.flush();
    const saved = JSON.parse(await readFile(store.file, 'utf8'));
    expect(saved.messages).toHaveLength(25);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('stores push subscriptions, one per endpoint', async () => {
    const store = await openStore(dir, { seed: false });
    const sub = { endpoint: 'https://push.example/abc', keys: { p256dh: 'p', auth: 'a' } };
    await store.addSubscription(sub);
    await store.addSubscription({ ...sub, keys: { p256dh: 'p2', auth: 'a2' } });
    expect(store.subscriptions()).toEqual([{ endpoint: sub.endpoint, keys: { p256dh: 'p2', auth: 'a2' }, expirationTime: null }]);
    await expect(store.addSubscription({ endpoint: 'http://insecure' })).rejects.toMatchObject({ code: 'invalid-subscription' });
    await store.removeSubscription(sub.endpoint);
    expect((await openStore(dir, { seed: false })).subscriptions()).toEqual([]);
  });
});
