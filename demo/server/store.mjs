// The mailbox on the server: one JSON file, rewritten atomically (temp file + rename) after every change, so
// a crash mid-write leaves the previous version intact and messages survive a restart.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seedMessages } from './seed.mjs';

export const OWN_ADDRESS = 'you@inbox.example';

/**
 * @typedef {'inbox' | 'sent' | 'archive'} Folder
 * @typedef {{ id: string; clientId?: string; folder: Folder; from: string; to: string; subject: string; body: string; date: number; updatedAt: number }} Message
 * @typedef {{ endpoint: string; keys: { p256dh: string; auth: string }; expirationTime?: number | null }} PushSubscriptionJson
 * @typedef {{ version: 1; messages: Message[]; subscriptions: PushSubscriptionJson[] }} MailboxFile
 */

/** A request the store refuses; `status` is the HTTP status the API answers with. */
export class StoreError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {number} status
   */
  constructor(code, message, status = 400) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.status = status;
  }
}

const LIMITS = { to: 320, subject: 200, body: 20_000, from: 320 };

/**
 * @param {unknown} value
 * @param {string} field
 * @param {number} max
 */
function text(value, field, max) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new StoreError('invalid-message', `${field} must be text.`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw new StoreError('invalid-message', `${field} is longer than ${max} characters.`);
  return trimmed;
}

/**
 * Writes `data` to `file` through a temporary file and a rename, which replaces the file in one step.
 * @param {string} file
 * @param {string} data
 */
export async function writeFileAtomic(file, data) {
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, data, { mode: 0o600 });
  await rename(temp, file);
}

/**
 * Opens (or creates and seeds) the mailbox kept in `dir`.
 * @param {string} dir
 * @param {{ now?: () => number; seed?: boolean }} [options]
 */
export async function openStore(dir, { now = Date.now, seed = true } = {}) {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'mailbox.json');
  /** @type {MailboxFile} */
  let data;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
    if (data?.version !== 1 || !Array.isArray(data.messages)) throw new Error(`${file} is not a mailbox file`);
    data.subscriptions ??= [];
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
    data = { version: 1, messages: [], subscriptions: [] };
  }

  let clock = data.messages.reduce((max, m) => Math.max(max, m.updatedAt), 0);
  /** A strictly increasing change time, so `since` never misses two changes made in the same millisecond. */
  const tick = () => (clock = Math.max(now(), clock + 1));

  /** Writes are chained: each starts after the previous one finished, and each writes the latest state. */
  let writing = Promise.resolve();
  const save = () => {
    const next = writing.then(() => writeFileAtomic(file, JSON.stringify(data, null, 2)));
    writing = next.catch(() => undefined);
    return next;
  };

  /**
   * @param {Omit<Message, 'id' | 'updatedAt'>} fields
   * @returns {Message}
   */
  const add = (fields) => {
    const message = { id: randomUUID(), ...fields, updatedAt: tick() };
    data.messages.push(message);
    return message;
  };

  if (seed && data.messages.length === 0) {
    for (const m of seedMessages(now(), OWN_ADDRESS).sort((a, b) => a.date - b.date)) add(m);
    await save();
  }

  return {
    file,

    /** Messages changed after `since` (all without it), oldest change first, and the cursor to ask from next. */
    list({ since = 0 } = {}) {
      const messages = data.messages.filter((m) => m.updatedAt > since).sort((a, b) => a.updatedAt - b.updatedAt);
      return { messages, cursor: clock };
    },

    /** @param {string} id */
    get(id) {
      return data.messages.find((m) => m.id === id) ?? null;
    },

    /**
     * Sends a message. `clientId` makes it idempotent: a request replayed after a lost answer sends nothing twice.
     * Mail to your own address lands in your inbox too.
     * @param {{ clientId?: unknown; to?: unknown; subject?: unknown; body?: unknown }} input
     */
    async send(input) {
      if (!input || typeof input !== 'object') throw new StoreError('invalid-message', 'A message is a JSON object.');
      const clientId = input.clientId === undefined ? undefined : text(input.clientId, 'clientId', 100);
      if (clientId) {
        const existing = data.messages.find((m) => m.clientId === clientId && m.folder !== 'inbox');
        if (existing) return { message: existing, created: false };
      }
      const to = text(input.to, 'to', LIMITS.to);
      const subject = text(input.subject, 'subject', LIMITS.subject);
      const body = text(input.body, 'body', LIMITS.body);
      if (!/^[^\s@<>]+@[^\s@<>]+$/.test(to)) throw new StoreError('invalid-message', 'to must be an e-mail address.');
      if (!subject && !body) throw new StoreError('invalid-message', 'A message needs a subject or a body.');
      const date = now();
      const message = add({ ...(clientId ? { clientId } : {}), folder: 'sent', from: OWN_ADDRESS, to, subject, body, date });
      if (to.toLowerCase() === OWN_ADDRESS) add({ folder: 'inbox', from: OWN_ADDRESS, to, subject, body, date });
      await save();
      return { message, created: true };
    },

    /**
     * Mail arriving from elsewhere (the demo's "send me a push" stands in for the outside world).
     * @param {{ from?: unknown; subject?: unknown; body?: unknown }} input
     */
    async receive(input = {}) {
      const from = text(input.from, 'from', LIMITS.from) || 'Postmaster <postmaster@inbox.example>';
      const subject = text(input.subject, 'subject', LIMITS.subject) || 'Hello from the server';
      const body = text(input.body, 'body', LIMITS.body);
      const message = add({ folder: 'inbox', from, to: OWN_ADDRESS, subject, body, date: now() });
      await save();
      return message;
    },

    /**
     * Moves a message to the archive; archiving twice is harmless.
     * @param {string} id
     */
    async archive(id) {
      const message = data.messages.find((m) => m.id === id);
      if (!message) throw new StoreError('not-found', 'No such message.', 404);
      if (message.folder !== 'archive') {
        message.folder = 'archive';
        message.updatedAt = tick();
        await save();
      }
      return message;
    },

    subscriptions() {
      return [...data.subscriptions];
    },

    /** @param {unknown} subscription */
    async addSubscription(subscription) {
      const s = /** @type {PushSubscriptionJson} */ (subscription);
      if (!s || typeof s.endpoint !== 'string' || !/^https:\/\//.test(s.endpoint) || typeof s.keys?.p256dh !== 'string' || typeof s.keys?.auth !== 'string') {
        throw new StoreError('invalid-subscription', 'A push subscription needs an https endpoint and its p256dh and auth keys.');
      }
      const clean = { endpoint: s.endpoint, keys: { p256dh: s.keys.p256dh, auth: s.keys.auth }, expirationTime: s.expirationTime ?? null };
      data.subscriptions = [...data.subscriptions.filter((x) => x.endpoint !== clean.endpoint), clean];
      await save();
      return clean;
    },

    /** @param {string} endpoint */
    async removeSubscription(endpoint) {
      const before = data.subscriptions.length;
      data.subscriptions = data.subscriptions.filter((x) => x.endpoint !== endpoint);
      if (data.subscriptions.length !== before) await save();
    },

    /** Resolves once every write started so far is on disk. */
    flush() {
      return writing;
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof openStore>>} Store */
