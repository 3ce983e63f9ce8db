/// <reference lib="webworker" />
// The bgkit side of the benchmark: the tasks the page requests, plus a bench-only message for seeding.
// swtrace first: it must be evaluated (and its periodicsync listener added) before @bgkit/sw.
import { mark, takeMarks } from '../shared/swtrace';
import { configure, defineTask, type ApplicationTriggerDetails } from '@bgkit/sw';
import { storageName } from '@bgkit/sw/protocol';
import { sleep, stamp } from '../shared/clock';
import { openExisting } from '../shared/idb';
import { countStore, seedRuns, type SeedRequest } from '../shared/seed';
import { TICK_CHANNEL, type TickMessage } from '../shared/tick';

declare const self: ServiceWorkerGlobalScope;

// One build serves every case; the page picks the history limit through the script URL, and each case runs
// in its own browser context, so two limits never share a database.
const historyLimit = Number(new URL(self.location.href).searchParams.get('historyLimit') ?? '') || undefined;
if (historyLimit) configure({ historyLimit });

// Nothing to do: bgkit's own bookkeeping (record, run, settle, announce) is what the throughput case measures.
defineTask<ApplicationTriggerDetails<{ i?: number }>>('bench.noop', (task) => ({ ok: true, i: task.triggerDetails.arguments.i }));

defineTask<ApplicationTriggerDetails<{ n: number; gap: number }>>('bench.progress', async (task) => {
  const { n, gap } = task.triggerDetails.arguments;
  const sent: number[] = [];
  for (let i = 0; i < n; i++) {
    // A gap between steps measures one message's latency rather than a queue draining.
    await sleep(gap);
    sent.push(stamp());
    // bgkit rounds progress and drops repeats; cycling 1..100 makes every step a distinct, announced value.
    task.progress = (i % 100) + 1;
  }
  // The send stamps travel back with the run's result, out of band from the progress events themselves.
  return { sent };
});

// Cases 1 and 2: a TimeTrigger task whose handler tells the page it ran, over a BroadcastChannel (the bare
// worker's periodicsync listener posts the same message the same way).
const tick = new BroadcastChannel(TICK_CHANNEL);
defineTask('bench.tick', (task) => {
  mark('handler');
  const message: TickMessage = { kind: 'tick', id: task.instanceId, sent: stamp(), marks: takeMarks() };
  tick.postMessage(message);
  return null;
});

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data as { type?: string; seed?: SeedRequest };
  const port = event.ports[0];
  if (!port || typeof data?.type !== 'string' || !data.type.startsWith('bench:')) return;
  event.waitUntil(
    (async () => {
      try {
        if (data.type === 'bench:marks') return void port.postMessage({ ok: takeMarks() ?? null });
        // The database exists by now: the page registered its tasks (through bgkit) first.
        const db = await openExisting(storageName(self.registration.scope));
        try {
          if (data.type === 'bench:seed') port.postMessage({ ok: await seedRuns(db, 'runs', data.seed!) });
          else if (data.type === 'bench:count') port.postMessage({ ok: await countStore(db, 'runs') });
          else port.postMessage({ error: `unknown ${data.type}` });
        } finally {
          db.close();
        }
      } catch (error) {
        port.postMessage({ error: String(error) });
      }
    })(),
  );
});

mark('script end');
