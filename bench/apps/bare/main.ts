// The bare page: the same operations as the bgkit page, against the hand-written worker.
import { stamp } from '../shared/clock';
import { callWorker, registerWorker, storageEstimate, timeEach, type ProgressResult, type ThroughputResult } from '../shared/page';
import { periodicSync, report, TICK_CHANNEL, type TickMessage } from '../shared/tick';

const TICK_TAG = 'bare-tick';

type Reply = { type: 'done'; id: number } | { type: 'progress'; i: number; sent: number };

const pending = new Map<number, () => void>();
let progressSink: ((m: Extract<Reply, { type: 'progress' }>, at: number) => void) | undefined;

function onReply(data: Reply, at: number): void {
  if (data.type === 'done') {
    pending.get(data.id)?.();
    pending.delete(data.id);
  } else if (data.type === 'progress') {
    progressSink?.(data, at);
  }
}

// Stamped on arrival, before anything else runs, exactly as the bgkit page stamps its progress events.
navigator.serviceWorker.addEventListener('message', (e) => onReply(e.data as Reply, stamp()));
navigator.serviceWorker.startMessages();
new BroadcastChannel('bare-progress').onmessage = (e) => onReply(e.data as Reply, stamp());
new BroadcastChannel(TICK_CHANNEL).onmessage = (e) => {
  const arrived = stamp();
  const m = e.data as TickMessage;
  report({ ...m, arrived, ...(m.kind === 'completed' ? { status: 'completed' } : {}) });
};

let nextId = 0;
let laneTaskIds: string[] = [];

const bench = {
  kind: 'bare',

  async ready(): Promise<void> {
    await registerWorker(location.search);
  },

  async setupLanes(count: number, prefix = 'bench.lane'): Promise<string[]> {
    if (laneTaskIds.length < count) {
      const names = Array.from({ length: count - laneTaskIds.length }, (_, k) => `${prefix}.${laneTaskIds.length + k}`);
      laneTaskIds = laneTaskIds.concat(await callWorker<string[]>({ type: 'bench:setupTasks', names }));
    }
    return laneTaskIds.slice(0, count);
  },

  async throughput(total: number, laneCount: number): Promise<ThroughputResult> {
    const worker = (await navigator.serviceWorker.ready).active!;
    const latencies: number[] = [];
    let issued = 0;
    const lane = async () => {
      while (issued < total) {
        const i = issued++;
        const id = nextId++;
        const t0 = stamp();
        const done = new Promise<void>((resolve) => pending.set(id, resolve));
        worker.postMessage({ type: 'req', id, i });
        await done;
        latencies.push(stamp() - t0);
      }
    };
    const t0 = stamp();
    await Promise.all(Array.from({ length: laneCount }, lane));
    return { ms: stamp() - t0, latencies, retries: 0, errors: [] };
  },

  async progress(n: number, gap: number, via: 'bc' | 'pm' = 'bc'): Promise<ProgressResult> {
    const worker = (await navigator.serviceWorker.ready).active!;
    const latencies: number[] = [];
    await new Promise<void>((resolve) => {
      progressSink = (m, at) => {
        latencies.push(at - m.sent);
        if (latencies.length === n) resolve();
      };
      worker.postMessage({ type: 'progress', n, gap, via });
    });
    progressSink = undefined;
    return { latencies };
  },

  async seed(count: number, batch: number, taskIds: string[]): Promise<{ ms: number; count: number }> {
    const names = taskIds.map((_, k) => `bench.lane.${k}`);
    return callWorker({ type: 'bench:seed', seed: { taskIds, names, count, batch } });
  },

  countRuns(): Promise<number> {
    return callWorker({ type: 'bench:count' });
  },

  async timeListTasks(n: number): Promise<{ samples: number[]; found: number }> {
    let found = 0;
    const samples = await timeEach(n, async () => (found = (await callWorker<unknown[]>({ type: 'bench:list' })).length));
    return { samples, found };
  },

  async timeNewestRuns(n: number, taskId: string, limit: number): Promise<{ samples: number[]; found: number }> {
    let found = 0;
    const samples = await timeEach(n, async () => (found = (await callWorker<unknown[]>({ type: 'bench:runs', taskId, limit })).length));
    return { samples, found };
  },

  async timeNewestRunsAll(n: number, limit: number): Promise<{ samples: number[]; found: number }> {
    let found = 0;
    const samples = await timeEach(n, async () => (found = (await callWorker<unknown[]>({ type: 'bench:runs', limit })).length));
    return { samples, found };
  },

  storageEstimate,

  /** Cases 1 and 2: the hand-written periodic job's tag, registered with the browser (permission granted first). */
  async setupPeriodic(): Promise<{ tag: string; via: string; tags: string[] }> {
    const sync = periodicSync(await navigator.serviceWorker.ready);
    await sync.register(TICK_TAG, { minInterval: 15 * 60_000 });
    return { tag: TICK_TAG, via: 'periodicsync', tags: await sync.getTags() };
  },

  /** The bare worker keeps no schedule to re-arm. */
  async rearm(): Promise<void> {},

  marks(): Promise<unknown> {
    return callWorker({ type: 'bench:marks' });
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
document.body.dataset.ready = 'true';
