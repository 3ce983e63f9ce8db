// The mailbox kept on the device (IndexedDB, through idb). The page and the service worker share it: the page
// reads from it (offline-first) and writes drafts into it; the worker's tasks fill it from the server.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type Folder = 'inbox' | 'sent' | 'archive';

/** A message as the server sends it, plus what only this device knows. */
export interface Message {
  id: string;
  folder: Folder;
  from: string;
  to: string;
  subject: string;
  body: string;
  date: number;
  updatedAt: number;
  clientId?: string;
  /** Read on this device. */
  read?: boolean;
}

/** A message written here and not yet acknowledged by the server. */
export interface Draft {
  clientId: string;
  to: string;
  subject: string;
  body: string;
  createdAt: number;
  /** `waiting`: not tried yet; `queued`: handed to the worker's request queue, which replays it on reconnect. */
  state: 'waiting' | 'queued';
  /** The last refusal from the server, if it refused (a refused draft stays until it is edited or deleted). */
  error?: string;
}

export interface MailboxExport {
  id: string;
  createdAt: number;
  fileName: string;
  count: number;
  /** The mailbox as an mbox file. */
  text: string;
}

interface MailDB extends DBSchema {
  messages: { key: string; value: Message; indexes: { byFolder: Folder } };
  outbox: { key: string; value: Draft };
  meta: { key: string; value: number };
  exports: { key: string; value: MailboxExport };
}

let opening: Promise<IDBPDatabase<MailDB>> | undefined;

export function db(): Promise<IDBPDatabase<MailDB>> {
  opening ??= openDB<MailDB>('inbox', 1, {
    upgrade(database) {
      database.createObjectStore('messages', { keyPath: 'id' }).createIndex('byFolder', 'folder');
      database.createObjectStore('outbox', { keyPath: 'clientId' });
      database.createObjectStore('meta');
      database.createObjectStore('exports', { keyPath: 'id' });
    },
    // Another context (a new worker, another tab) upgrades: let go so it can.
    blocking() {
      void opening?.then((d) => d.close());
      opening = undefined;
    },
  });
  return opening;
}

const newestFirst = (a: Message, b: Message) => b.date - a.date;

export async function listFolder(folder: Folder): Promise<Message[]> {
  return (await (await db()).getAllFromIndex('messages', 'byFolder', folder)).sort(newestFirst);
}

export async function allMessages(): Promise<Message[]> {
  return (await (await db()).getAll('messages')).sort(newestFirst);
}

export async function getMessage(id: string): Promise<Message | undefined> {
  return (await db()).get('messages', id);
}

/** The server's change cursor this device has caught up to. */
export async function getCursor(): Promise<number> {
  return (await (await db()).get('meta', 'cursor')) ?? 0;
}

/**
 * Stores what the server sent and moves the cursor, in one transaction. Returns the messages that are new in
 * the inbox: never seen on this device before. A draft the server has sent is done: the request queue's
 * replay can get it there while the Send task that queued it never hears the answer.
 */
export async function mergeFromServer(messages: Message[], cursor: number): Promise<Message[]> {
  const tx = (await db()).transaction(['messages', 'meta', 'outbox'], 'readwrite');
  const store = tx.objectStore('messages');
  const fresh: Message[] = [];
  for (const message of messages) {
    const known = await store.get(message.id);
    if (!known && message.folder === 'inbox') fresh.push(message);
    await store.put({ ...message, read: known?.read ?? false });
    if (message.clientId && message.folder !== 'inbox') await tx.objectStore('outbox').delete(message.clientId);
  }
  const meta = tx.objectStore('meta');
  if (cursor > ((await meta.get('cursor')) ?? 0)) await meta.put(cursor, 'cursor');
  await tx.done;
  return fresh.sort(newestFirst);
}

/** Changes a message on this device only (read state, or a folder move the server will confirm). */
export async function updateMessage(id: string, change: Partial<Pick<Message, 'read' | 'folder'>>): Promise<Message | undefined> {
  const tx = (await db()).transaction('messages', 'readwrite');
  const message = await tx.store.get(id);
  if (message) await tx.store.put({ ...message, ...change });
  await tx.done;
  return message && { ...message, ...change };
}

export async function saveDraft(draft: Draft): Promise<void> {
  await (await db()).put('outbox', draft);
}

export async function listOutbox(): Promise<Draft[]> {
  return (await (await db()).getAll('outbox')).sort((a, b) => a.createdAt - b.createdAt);
}

/** The server has the message: the draft goes, its sent copy comes, in one step. */
export async function completeDraft(clientId: string, sent: Message): Promise<void> {
  const tx = (await db()).transaction(['outbox', 'messages'], 'readwrite');
  await tx.objectStore('outbox').delete(clientId);
  await tx.objectStore('messages').put({ ...sent, read: true });
  await tx.done;
}

export async function deleteDraft(clientId: string): Promise<void> {
  await (await db()).delete('outbox', clientId);
}

/** Drops cached messages older than `maxAgeDays` (the server keeps them). Returns how many went. */
export async function pruneOlderThan(maxAgeDays: number, now = Date.now()): Promise<number> {
  const limit = now - maxAgeDays * 24 * 60 * 60 * 1000;
  const tx = (await db()).transaction('messages', 'readwrite');
  let pruned = 0;
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    if (cursor.value.date < limit) {
      await cursor.delete();
      pruned++;
    }
  }
  await tx.done;
  return pruned;
}

export async function saveExport(entry: MailboxExport): Promise<void> {
  const tx = (await db()).transaction('exports', 'readwrite');
  // Only the newest export is kept.
  await tx.store.clear();
  await tx.store.put(entry);
  await tx.done;
}

export async function getExport(id: string): Promise<MailboxExport | undefined> {
  return (await db()).get('exports', id);
}
