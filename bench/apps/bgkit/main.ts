// The bgkit page: every bench operation goes through @bgkit/client's public API, as an app's would.
import {
  ApplicationTrigger,
  BackgroundExecutionManager,
  BackgroundTaskBuilder,
  BackgroundTaskRegistration,
  TimeTrigger,
  type BackgroundTaskCompletedEvent,
  type BackgroundTaskProgressEvent,
} from '@bgkit/client';
import { storageName } from '@bgkit/sw/protocol';
import { sleep, stamp } from '../shared/clock';
import { callWorker, registerWorker, storageEstimate, timeEach, type ProgressResult, type ThroughputResult } from '../shared/page';
import { periodicSync, report, TICK_CHANNEL, type TickMessage } from '../shared/tick';
import { openExisting, request, txDone } from '../shared/idb';

interface Lane {
  registration: BackgroundTaskRegistration;
  trigger: ApplicationTrigger;
}

async function registerTask(name: string, entryPoint: string): Promise<Lane> {
  const trigger = new ApplicationTrigger();
  const builder = new BackgroundTaskBuilder();
  builder.name = name;
  builder.taskEntryPoint = entryPoint;
  builder.setTrigger(trigger);
  return { registration: await builder.register(), trigger };
}

function nextCompleted(registration: BackgroundTaskRegistration): Promise<BackgroundTaskCompletedEvent> {
  return new Promise((resolve) => registration.addEventListener('completed', resolve as (e: Event) => void, { once: true }));
}

const lanes: Lane[] = [];
let progressTask: Lane | undefined;
let tickTask: BackgroundTaskRegistration | undefined;

// Stamped on arrival, before anything else runs; the bare page does the same.
new BroadcastChannel(TICK_CHANNEL).onmessage = (e) => {
  const arrived = stamp();
  const m = e.data as TickMessage;
  report({ ...m, arrived });
};

const bench = {
  kind: 'bgkit',

  async ready(): Promise<void> {
    await registerWorker(location.search);
  },

  /** One task per lane: request() answers 'currentlyRunning' while a task's instance runs, so concurrency needs distinct tasks. */
  async setupLanes(count: number, prefix = 'bench.lane'): Promise<string[]> {
    if (lanes.length >= count) return lanes.slice(0, count).map((l) => l.registration.taskId);
    const names = new Set<string>();
    for (let i = 0; i < count; i++) {
      names.add(`${prefix}.${i}`);
      await registerTask(`${prefix}.${i}`, 'bench.noop');
    }
    // Registering tasks back to back races bgkit's own registry refresh (a 'registrations' broadcast makes the
    // page re-list 50 ms later; a list answered before the next register() commits retires that task's new
    // object and unbinds its trigger). Once the refreshes have run, allTasks() hands out the live objects,
    // whose own triggers are bound, so the lanes use those.
    await sleep(300);
    const live = [...(await BackgroundTaskRegistration.allTasks()).values()].filter((r) => names.has(r.name));
    live.sort((a, b) => Number(a.name.split('.').pop()) - Number(b.name.split('.').pop()));
    lanes.length = 0;
    for (const registration of live) lanes.push({ registration, trigger: registration.trigger as ApplicationTrigger });
    if (lanes.length !== count) throw new Error(`${lanes.length} of ${count} lane tasks registered`);
    return lanes.map((l) => l.registration.taskId);
  },

  async throughput(total: number, laneCount: number): Promise<ThroughputResult> {
    await bench.setupLanes(laneCount);
    const latencies: number[] = [];
    let issued = 0;
    let retries = 0;
    const errors: string[] = [];
    const lane = async ({ registration, trigger }: Lane) => {
      while (issued < total) {
        const i = issued++;
        const t0 = stamp();
        for (;;) {
          // Listening before requesting: the completion can overtake request()'s own answer.
          const done = nextCompleted(registration);
          let answer: string;
          try {
            answer = await trigger.request({ i });
          } catch (error) {
            // A failed call (sw-timeout after bgkit's own retry) is counted and the request made again: the
            // figures must show it, and one lost call must not end the whole measurement.
            errors.push(String(error));
            if (errors.length > 50) throw error;
            continue;
          }
          if (answer === 'allowed') {
            const event = await done;
            if (event.status !== 'completed') throw new Error(`run ${event.instanceId} ended ${event.status}`);
            break;
          }
          // Not expected (a lane waits for its own completion), but counted rather than hidden if it happens.
          retries++;
          await new Promise((r) => setTimeout(r, 1));
        }
        latencies.push(stamp() - t0);
      }
    };
    const t0 = stamp();
    await Promise.all(lanes.slice(0, laneCount).map(lane));
    return { ms: stamp() - t0, latencies, retries, errors };
  },

  async progress(n: number, gap: number): Promise<ProgressResult> {
    progressTask ??= await registerTask('bench.progress', 'bench.progress');
    const { registration, trigger } = progressTask;
    const arrived: number[] = [];
    const values: number[] = [];
    const onProgress = (e: Event) => {
      arrived.push(stamp());
      values.push((e as BackgroundTaskProgressEvent).progress);
    };
    registration.addEventListener('progress', onProgress);
    const done = nextCompleted(registration);
    const answer = await trigger.request({ n, gap });
    if (answer !== 'allowed') throw new Error(`progress run not started: ${answer}`);
    const event = await done;
    registration.removeEventListener('progress', onProgress);
    const { sent } = event.checkResult() as { sent: number[] };
    if (arrived.length !== sent.length) throw new Error(`got ${arrived.length} progress events for ${sent.length} steps`);
    values.forEach((v, i) => {
      if (v !== (i % 100) + 1) throw new Error(`progress event ${i} carried ${v}`);
    });
    return { latencies: sent.map((t, i) => arrived[i]! - t) };
  },

  async seed(count: number, batch: number, taskIds: string[]): Promise<{ ms: number; count: number }> {
    const names = taskIds.map((id) => lanes.find((l) => l.registration.taskId === id)!.registration.name);
    return callWorker({ type: 'bench:seed', seed: { taskIds, names, count, batch } });
  },

  countRuns(): Promise<number> {
    return callWorker({ type: 'bench:count' });
  },

  async timeListTasks(n: number): Promise<{ samples: number[]; found: number }> {
    let found = 0;
    const samples = await timeEach(n, async () => (found = (await BackgroundTaskRegistration.allTasks()).size));
    return { samples, found };
  },

  async timeNewestRuns(n: number, taskId: string, limit: number): Promise<{ samples: number[]; found: number }> {
    const registration = lanes.find((l) => l.registration.taskId === taskId)!.registration;
    let found = 0;
    const samples = await timeEach(n, async () => (found = (await registration.runs({ limit })).length));
    return { samples, found };
  },

  /** The whole history's newest runs, across tasks: the other index bgkit reads by. */
  async timeNewestRunsAll(n: number, limit: number): Promise<{ samples: number[]; found: number }> {
    let found = 0;
    const samples = await timeEach(n, async () => (found = (await BackgroundExecutionManager.runs({ limit })).length));
    return { samples, found };
  },

  storageEstimate,

  /**
   * Cases 1 and 2: one task with TimeTrigger(15, false). The harness has granted periodic-background-sync
   * first, so registering it registers its periodicsync tag with the browser (schedule.via 'periodicsync').
   */
  async setupPeriodic(): Promise<{ taskId: string; via: string | undefined; tags: string[] }> {
    const builder = new BackgroundTaskBuilder();
    builder.name = 'bench.tick';
    builder.taskEntryPoint = 'bench.tick';
    builder.setTrigger(new TimeTrigger(15, false));
    await builder.register();
    // As in setupLanes: the live object once bgkit's registry refresh has run.
    await sleep(300);
    tickTask = [...(await BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'bench.tick')!;
    tickTask.addEventListener('completed', (e) => {
      const arrived = stamp();
      const event = e as BackgroundTaskCompletedEvent;
      report({ kind: 'completed', id: event.instanceId, status: event.status, arrived });
    });
    const record = await bench.readTickRecord();
    const tags = await periodicSync(await navigator.serviceWorker.ready).getTags();
    return { taskId: tickTask.taskId, via: record.schedule?.via, tags };
  },

  async readTickRecord(): Promise<{ schedule?: { via?: string; nextRunTime: number; lastRunAt?: number } }> {
    const db = await openExisting(storageName((await navigator.serviceWorker.ready).scope));
    try {
      return await request(db.transaction('registrations').objectStore('registrations').get(tickTask!.taskId));
    } finally {
      db.close();
    }
  },

  /**
   * Puts the task's stored schedule where it is once a period has passed since its last run (lastRunAt one
   * interval ago), so the next periodicsync claims its slot as a real one would. nextRunTime stays ahead, so
   * nothing else (catch-up at a worker boot, the open page's overdue check) runs the task meanwhile: the
   * timed run is the periodicsync's own. Done from the page, between measurements, without waking the worker.
   */
  async rearm(): Promise<void> {
    // Opened and closed each time: an app's pages never hold bgkit's database open, so neither does this one.
    const db = await openExisting(storageName((await navigator.serviceWorker.ready).scope));
    try {
      const tx = db.transaction('registrations', 'readwrite');
      const store = tx.objectStore('registrations');
      const record = await request(store.get(tickTask!.taskId));
      const interval = 15 * 60_000;
      const now = Date.now();
      record.schedule = { ...record.schedule, lastRunAt: now - interval, nextRunTime: now + interval };
      store.put(record);
      await txDone(tx);
    } finally {
      db.close();
    }
  },

  /** How the tick runs were started (their `source`): every one should be 'periodicsync'. */
  async tickSources(): Promise<Record<string, number>> {
    const runs = await tickTask!.runs({ limit: 10_000 });
    const out: Record<string, number> = {};
    for (const run of runs) out[`${run.source}/${run.status}`] = (out[`${run.source}/${run.status}`] ?? 0) + 1;
    return out;
  },

  /** The worker's trace marks since its last tick message (the run's end: its write and broadcast). */
  marks(): Promise<unknown> {
    return callWorker({ type: 'bench:marks' });
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
document.body.dataset.ready = 'true';
