/// <reference lib="webworker" />
// The hand-written baseline: what an app would write without bgkit to do the same work, with raw IndexedDB
// and postMessage / BroadcastChannel. Kept deliberately minimal; it is the floor bgkit is compared against.
// swtrace first, as in the bgkit worker: it stamps the periodicsync event before the listener below runs.
import { mark, takeMarks } from '../shared/swtrace';
import { sleep, stamp } from '../shared/clock';
import { countStore, seedRuns, type SeedRequest } from '../shared/seed';
import { TICK_CHANNEL, type TickMessage } from '../shared/tick';

declare const self: ServiceWorkerGlobalScope;

let opening: Promise<IDBDatabase> | undefined;

function db(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open('bare', 1);
    req.onupgradeneeded = () => {
      const d = req.result;
      d.createObjectStore('requests', { keyPath: 'id' });
      d.createObjectStore('tasks', { keyPath: 'taskId' });
      // The two reads an app keeps a history for: newest runs of one task, and newest runs overall.
      const runs = d.createObjectStore('runs', { keyPath: 'instanceId' });
      runs.createIndex('byTask', ['taskId', 'createdAt']);
      runs.createIndex('byCreated', 'createdAt');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

function result<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function newestRuns(index: 'byTask' | 'byCreated', limit: number, taskId?: string): Promise<unknown[]> {
  const tx = (await db()).transaction('runs');
  const range = taskId ? IDBKeyRange.bound([taskId, -Infinity], [taskId, Infinity]) : null;
  const req = tx.objectStore('runs').index(index).openCursor(range, 'prev');
  const out: unknown[] = [];
  return new Promise((resolve, reject) => {
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor || out.length >= limit) return resolve(out);
      out.push(cursor.value);
      cursor.continue();
    };
    req.onerror = () => reject(req.error);
  });
}

type Message =
  | { type: 'req'; id: number; i: number }
  | { type: 'progress'; n: number; gap: number; via: 'bc' | 'pm' }
  | { type: 'bench:setupTasks'; names: string[] }
  | { type: 'bench:seed'; seed: SeedRequest }
  | { type: 'bench:count' }
  | { type: 'bench:list' }
  | { type: 'bench:runs'; taskId?: string; limit: number }
  | { type: 'bench:marks' };

async function admin(data: Message): Promise<unknown> {
  const d = await db();
  switch (data.type) {
    case 'bench:setupTasks': {
      const tx = d.transaction('tasks', 'readwrite');
      const ids = data.names.map((name) => {
        const taskId = crypto.randomUUID();
        tx.objectStore('tasks').put({ taskId, name, entryPoint: 'bench.noop', createdAt: Date.now() });
        return taskId;
      });
      await done(tx);
      return ids;
    }
    case 'bench:seed':
      return seedRuns(d, 'runs', data.seed);
    case 'bench:count':
      return countStore(d, 'runs');
    // Records, not counts: the page gets what it would render, as bgkit's page does.
    case 'bench:list':
      return result(d.transaction('tasks').objectStore('tasks').getAll());
    case 'bench:runs':
      return newestRuns(data.taskId ? 'byTask' : 'byCreated', data.limit, data.taskId);
    case 'bench:marks':
      return takeMarks() ?? null;
    default:
      throw new Error(`unknown ${(data as { type: string }).type}`);
  }
}

const progressChannel = new BroadcastChannel('bare-progress');

// Cases 1 and 2: what an app writes by hand for a periodic job. The run is recorded in IndexedDB, the job
// (here: telling the page) runs, the outcome is stored and announced. Same message, same channel as bgkit's.
const TICK_TAG = 'bare-tick';
const tick = new BroadcastChannel(TICK_CHANNEL);

self.addEventListener('periodicsync', (event) => {
  if (event.tag !== TICK_TAG) return;
  event.waitUntil(
    (async () => {
      const d = await db();
      const now = Date.now();
      const run = { instanceId: crypto.randomUUID(), taskId: TICK_TAG, name: TICK_TAG, status: 'running', createdAt: now, startedAt: now, finishedAt: null as number | null };
      let tx = d.transaction('runs', 'readwrite');
      tx.objectStore('runs').put(run);
      await done(tx);
      mark('handler');
      const message: TickMessage = { kind: 'tick', id: run.instanceId, sent: stamp(), marks: takeMarks() };
      tick.postMessage(message);
      tx = d.transaction('runs', 'readwrite');
      tx.objectStore('runs').put({ ...run, status: 'completed', finishedAt: Date.now() });
      await done(tx);
      tick.postMessage({ kind: 'completed', id: run.instanceId } satisfies TickMessage);
    })(),
  );
});

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data as Message;
  const source = event.source as Client | null;
  if (data.type === 'req') {
    event.waitUntil(
      (async () => {
        const tx = (await db()).transaction('requests', 'readwrite');
        tx.objectStore('requests').put({ id: data.id, i: data.i, status: 'completed', createdAt: Date.now() });
        await done(tx);
        source?.postMessage({ type: 'done', id: data.id });
      })(),
    );
  } else if (data.type === 'progress') {
    event.waitUntil(
      (async () => {
        for (let i = 0; i < data.n; i++) {
          await sleep(data.gap);
          const message = { type: 'progress', i, sent: stamp() };
          if (data.via === 'bc') progressChannel.postMessage(message);
          else source?.postMessage(message);
        }
      })(),
    );
  } else if (data.type.startsWith('bench:') && event.ports[0]) {
    const port = event.ports[0];
    event.waitUntil(admin(data).then((ok) => port.postMessage({ ok }), (error) => port.postMessage({ error: String(error) })));
  }
});

mark('script end');
