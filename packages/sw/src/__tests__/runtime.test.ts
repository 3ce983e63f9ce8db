import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshWorld, restart, until } from './helpers.js';
import { BackgroundTaskCanceledEvent, type BackgroundTaskDeferral } from '../BackgroundTaskInstance.js';
import { isBgkitError } from '../BgkitError.js';
import { configure } from '../configure.js';
import { defineTask } from '../defineTask.js';
import { answerCall, createApi } from '../internal/api.js';
import { openDB } from 'idb';
import { DB_VERSION, getDb, closeDb, migrations } from '../internal/db.js';
import { ACK_INTERVAL_MS, CALL, isCallAck, PROTOCOL_VERSION, storageName, type CallMessage, type CallReply } from '../protocol.js';

const DB_NAME = storageName(undefined);
import { Lifetime } from '../internal/Lifetime.js';
import { RunStore } from '../internal/RunStore.js';
import { cancelRuns, startRun } from '../internal/runner.js';
import { bootId, options } from '../internal/runtime.js';
import type { BroadcastMessage, RegisterInput, RunRecord } from '../protocol.js';

const seen: { canceled: string[]; aborted: unknown[] } = { canceled: [], aborted: [] };
const deferrals: BackgroundTaskDeferral[] = [];
let release: (() => void) | undefined;

defineTask<{ arguments: { n?: number } }>('echo', async (task) => {
  task.progress = 50;
  task.progress = 100;
  return { n: task.triggerDetails.arguments.n, name: task.task.name };
});
defineTask('boom', async () => {
  throw new RangeError('out of range');
});
defineTask('blocked', (task) => {
  task.addEventListener('canceled', (e) => seen.canceled.push((e as BackgroundTaskCanceledEvent).reason));
  task.signal.addEventListener('abort', () => seen.aborted.push(task.signal.reason));
  return new Promise<string>((resolve) => (release = () => resolve('released')));
});
defineTask('deferred', (task) => {
  deferrals.push(task.getDeferral());
  return 'returned early';
});
defineTask('limited', (task) => new Promise((_, reject) => task.signal.addEventListener('abort', () => reject(task.signal.reason))), { timeLimit: 40 });
defineTask('uncloneable', () => ({ fn: () => 1 }));
defineTask('bad-progress', (task) => {
  task.progress = 150;
});
defineTask('stepped', async (task) => {
  task.progress = 30;
  await new Promise((r) => setTimeout(r, 10));
  task.progress = 60;
  return 'ok';
});

function input(name: string, entryPoint: string, extra: Partial<RegisterInput> = {}): RegisterInput {
  return {
    name,
    entryPoint,
    trigger: { type: 'application' },
    conditions: [],
    cancelOnConditionLoss: false,
    isNetworkRequested: false,
    group: null,
    ...extra,
  };
}

const api = () => createApi(new Lifetime());

async function settled(instanceId: string): Promise<RunRecord> {
  return until(async () => {
    const run = await RunStore.get(instanceId);
    return run && ['completed', 'failed', 'canceled'].includes(run.status) ? run : undefined;
  });
}

async function runOnce(entryPoint: string, args: unknown = {}): Promise<RunRecord> {
  const { registration } = await api().register(input(entryPoint, entryPoint));
  const id = crypto.randomUUID();
  expect(await api().request(registration.taskId, id, args)).toBe('allowed');
  return settled(id);
}

beforeEach(async () => {
  await freshWorld();
  seen.canceled = [];
  seen.aborted = [];
  deferrals.length = 0;
  options.historyLimit = 1000;
});

describe('registration', () => {
  it('is idempotent by name and replaces on other settings', async () => {
    const first = await api().register(input('sync', 'echo'));
    const again = await api().register(input('sync', 'echo'));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, replaced: null });
    expect(again.registration.taskId).toBe(first.registration.taskId);
    const other = await api().register(input('sync', 'boom'));
    expect(other.created).toBe(true);
    expect(other.replaced).toBe(first.registration.taskId);
    const { registrations } = await api().list();
    expect(registrations.map((r) => [r.name, r.entryPoint])).toEqual([['sync', 'boom']]);
  });

  it('refuses an entry point the worker does not define, and keeps what was stored', async () => {
    await api().register(input('kept', 'echo'));
    const error = await api().register(input('x', 'missing')).catch((e: unknown) => e);
    expect(isBgkitError(error, 'entry-point-not-defined')).toBe(true);
    expect((await api().list()).registrations.map((r) => r.name)).toEqual(['kept']);
  });

  it('lists only groups that still hold tasks', async () => {
    const grouped = await api().register(input('g', 'echo', { group: { id: 'com.example', name: 'Example' } }));
    expect((await api().list()).groups).toEqual([{ id: 'com.example', name: 'Example' }]);
    expect(grouped.registration.groupId).toBe('com.example');
    await api().unregister(grouped.registration.taskId, false);
    expect((await api().list()).groups).toEqual([]);
  });

  it('rejects defineTask misuse with codes', () => {
    const code = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(code(() => defineTask('echo', () => 1))).toBe('duplicate-entry-point');
    expect(code(() => defineTask('', () => 1))).toBe('invalid-entry-point');
    expect(code(() => defineTask('x', 5 as never))).toBe('invalid-argument');
    expect(code(() => defineTask('y', () => 1, { timeLimit: -1 }))).toBe('invalid-argument');
    expect(code(() => configure({ historyLimit: 0 }))).toBe('invalid-argument');
  });
});

describe('runs', () => {
  it('records the result, progress and arguments of a completed run', async () => {
    const run = await runOnce('echo', { n: 7 });
    expect(run).toMatchObject({
      status: 'completed',
      progress: 100,
      result: { n: 7, name: 'echo' },
      triggerDetails: { arguments: { n: 7 } },
      source: 'application',
      bootId,
    });
  });

  it('records a thrown error with its name and message', async () => {
    const run = await runOnce('boom');
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ name: 'RangeError', message: 'out of range' });
  });

  it('answers currentlyRunning while an instance runs, and a retried request starts nothing new', async () => {
    const { registration } = await api().register(input('blocked', 'blocked'));
    const id = crypto.randomUUID();
    expect(await api().request(registration.taskId, id, {})).toBe('allowed');
    expect(await api().request(registration.taskId, id, {})).toBe('allowed');
    expect(await api().request(registration.taskId, crypto.randomUUID(), {})).toBe('currentlyRunning');
    expect((await RunStore.get(id))?.status).toBe('running');
    release!();
    expect((await settled(id)).result).toBe('released');
    expect(await RunStore.query({ taskId: registration.taskId })).toHaveLength(1);
  });

  it('keeps a run open until every deferral is completed', async () => {
    const { registration } = await api().register(input('deferred', 'deferred'));
    const id = crypto.randomUUID();
    await api().request(registration.taskId, id, {});
    await until(() => deferrals.length === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect((await RunStore.get(id))?.status).toBe('running');
    deferrals[0]!.complete();
    expect(await settled(id)).toMatchObject({ status: 'completed', result: 'returned early' });
  });

  it('cancels a run over its time limit with executionTimeExceeded', async () => {
    const run = await runOnce('limited');
    expect(run).toMatchObject({ status: 'canceled', cancelReason: 'executionTimeExceeded' });
    expect(run.finishedAt! - run.startedAt!).toBeGreaterThanOrEqual(35);
  });

  it('unregister(true) fires canceled with abort and aborts the signal', async () => {
    const { registration } = await api().register(input('blocked', 'blocked'));
    const id = crypto.randomUUID();
    await api().request(registration.taskId, id, {});
    await api().unregister(registration.taskId, true);
    expect(await settled(id)).toMatchObject({ status: 'canceled', cancelReason: 'abort' });
    expect(seen.canceled).toEqual(['abort']);
    expect(isBgkitError(seen.aborted[0], 'task-canceled')).toBe(true);
    release!();
  });

  it('fails a run whose result cannot be stored, with result-not-cloneable', async () => {
    const run = await runOnce('uncloneable');
    expect(run).toMatchObject({ status: 'failed', error: { code: 'result-not-cloneable' } });
    expect(run.result).toBeUndefined();
  });

  it('fails a run that sets progress out of range, with invalid-progress', async () => {
    const run = await runOnce('bad-progress');
    expect(run).toMatchObject({ status: 'failed', error: { code: 'invalid-progress' } });
  });

  describe('what pages hear of a run, in order', () => {
    let channel: BroadcastChannel;
    let heard: BroadcastMessage[];
    beforeEach(() => {
      heard = [];
      channel = new BroadcastChannel(DB_NAME);
      channel.onmessage = (event: MessageEvent<BroadcastMessage>) => heard.push(event.data);
    });
    afterEach(() => channel.close());

    /** The messages about one run, once its `completed` has arrived; `progress` and `started` shown with their value. */
    const story = (instanceId: string) =>
      until(() => {
        const about = heard.filter((m) => ('run' in m ? m.run.instanceId : 'instanceId' in m ? m.instanceId : '') === instanceId);
        return (
          about.some((m) => m.kind === 'completed') &&
          about.map((m) => (m.kind === 'progress' ? `progress ${m.progress}` : m.kind === 'started' ? `started ${m.run.status} ${m.run.progress}` : m.kind === 'completed' ? `completed ${m.run.status}` : m.kind))
        );
      });

    it('a run is announced once its handler is called; progress set before its first await travels in `started` and on its own', async () => {
      const run = await runOnce('stepped');
      expect(await story(run.instanceId)).toEqual(['started running 30', 'progress 30', 'progress 60', 'completed completed']);
    });

    it('a handler that throws at once: started, then completed as failed', async () => {
      const run = await runOnce('bad-progress');
      expect(await story(run.instanceId)).toEqual(['started running 0', 'completed failed']);
    });

    it('a run queued behind a running one of its task: started as queued, then as running', async () => {
      const { registration } = await api().register(input('stepped', 'stepped'));
      const first = startRun({ registration, source: 'application', triggerDetails: {} });
      const second = startRun({ registration, source: 'application', triggerDetails: {} });
      await Promise.all([first.finished, second.finished]);
      expect(await story(second.instanceId)).toEqual(['started queued 0', 'started running 30', 'progress 30', 'progress 60', 'completed completed']);
    });

    it('a run canceled before its handler starts: started, then completed as canceled', async () => {
      const { registration } = await api().register(input('stepped', 'stepped'));
      const run = startRun({ registration, source: 'application', triggerDetails: {} });
      cancelRuns('abort', new Set([registration.taskId]));
      await run.finished;
      expect(await story(run.instanceId)).toEqual(['started running 0', 'completed canceled']);
    });
  });

  it('refuses requests for unknown tasks', async () => {
    const error = await api().request('nope', crypto.randomUUID(), {}).catch((e: unknown) => e);
    expect(isBgkitError(error, 'not-registered')).toBe(true);
  });
});

describe('worker restarts', () => {
  it('marks runs left running by a dead worker as canceled / terminating, once', async () => {
    const { registration } = await api().register(input('blocked', 'blocked'));
    const id = crypto.randomUUID();
    await api().request(registration.taskId, id, {});
    const oldBoot = bootId;
    await restart();
    expect(bootId).not.toBe(oldBoot);
    await api().hello();
    const run = await RunStore.get(id);
    expect(run).toMatchObject({ status: 'canceled', cancelReason: 'terminating', bootId: oldBoot });
    // The old lifetime's handler finishing late must not revive it.
    release!();
    await new Promise((r) => setTimeout(r, 30));
    expect((await RunStore.get(id))?.status).toBe('canceled');
    // Registrations were kept.
    expect((await api().list()).registrations).toHaveLength(1);
  });
});

describe('history', () => {
  it('keeps the history bounded by historyLimit, newest first', async () => {
    configure({ historyLimit: 5 });
    const { registration } = await api().register(input('echo', 'echo'));
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const id = crypto.randomUUID();
      ids.push(id);
      await api().request(registration.taskId, id, { n: i });
      await settled(id);
    }
    await until(async () => ((await RunStore.count()) <= 15 ? true : undefined));
    const newest = await RunStore.query({ taskId: registration.taskId, limit: 3 });
    expect(newest.map((r) => (r.result as { n: number }).n)).toEqual([24, 23, 22]);
    expect((await RunStore.query({ status: 'failed' })).length).toBe(0);
  });

  it('keeps the order of runs created within the same millisecond', async () => {
    const { registration } = await api().register(input('echo', 'echo'));
    const clock = vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000);
    try {
      const ids = Array.from({ length: 8 }, () => crypto.randomUUID());
      for (const [i, id] of ids.entries()) {
        await api().request(registration.taskId, id, { n: i });
        await settled(id);
      }
      const newest = await RunStore.query({ taskId: registration.taskId, limit: 8 });
      expect(newest.map((r) => r.instanceId)).toEqual(ids.reverse());
    } finally {
      clock.mockRestore();
    }
    // The wall clock went back a minute (the mock ended): the next run takes the clock's time again.
    const after = await runOnce('echo');
    expect(Math.abs(after.createdAt - Date.now())).toBeLessThan(1000);
    expect(after.finishedAt! - after.startedAt!).toBeGreaterThanOrEqual(0);
  });
});

describe('storage', () => {
  it('upgrades a version-1 database to the current one and keeps its registrations and runs', async () => {
    await closeDb();
    // A database as the version-1 code left it (migration steps are append-only, so step 0 is that code), with data.
    const v1 = await openDB(DB_NAME, 1, { upgrade: (db, _old, _new, tx) => migrations[0]!(db as never, tx as never) });
    await v1.put('registrations', { taskId: 't1', name: 'old', entryPoint: 'echo', trigger: { type: 'application' }, conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, createdAt: 1 });
    await v1.put('runs', { instanceId: 'r1', taskId: 't1', name: 'old', entryPoint: 'echo', trigger: 'application', source: 'application', triggerDetails: {}, status: 'completed', progress: 100, createdAt: 1, startedAt: 1, finishedAt: 2, bootId: 'b', result: 42 });
    v1.close();
    const db = await getDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('pending');
    expect((await db.get('registrations', 't1'))?.name).toBe('old');
    expect((await db.get('runs', 'r1'))?.result).toBe(42);
    expect((await api().list()).registrations.map((r) => r.name)).toEqual(['old']);
  });

  it('keeps data across reopening and refuses a database from a newer version without touching it', async () => {
    await api().register(input('kept', 'echo'));
    await closeDb();
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    newer.close();
    const error = await getDb().catch((e: unknown) => e);
    expect(isBgkitError(error, 'storage-version')).toBe(true);
    const check = await new Promise<number>((resolve) => {
      const request = indexedDB.open(DB_NAME);
      request.onsuccess = () => {
        const db = request.result;
        const count = db.transaction('registrations').objectStore('registrations').count();
        count.onsuccess = () => {
          db.close();
          resolve(count.result);
        };
      };
    });
    expect(check).toBe(1);
  });
});

describe('protocol', () => {
  // One call over a real MessageChannel, as a page makes it: the reply is the one message on the port.
  async function callOverPort(message: Record<string, unknown>): Promise<CallReply> {
    const { port1, port2 } = new MessageChannel();
    const reply = new Promise<CallReply>((resolve) => port1.addEventListener('message', (e) => resolve((e as MessageEvent).data as CallReply), { once: true }));
    port1.start();
    const lifetime = new Lifetime();
    lifetime.keepAlive(answerCall({ type: CALL, v: PROTOCOL_VERSION, method: 'hello', args: [], ...message } as CallMessage, port2, lifetime));
    const answer = await reply;
    port1.close();
    await lifetime.done;
    return answer;
  }

  it('answers a call with its value on the call\'s own port', async () => {
    const reply = await callOverPort({ method: 'hello' });
    expect(reply).toMatchObject({ ok: true, value: { protocol: PROTOCOL_VERSION, bootId: expect.any(String) } });
  });

  it('acknowledges a call that asks for it at once, before its reply, and only such a call', async () => {
    const heard = async (ack: boolean) => {
      const { port1, port2 } = new MessageChannel();
      const messages: unknown[] = [];
      const replied = new Promise<void>((resolve) =>
        port1.addEventListener('message', (e) => {
          messages.push((e as MessageEvent).data);
          if (!isCallAck((e as MessageEvent).data)) resolve();
        }),
      );
      port1.start();
      const lifetime = new Lifetime();
      lifetime.keepAlive(answerCall({ type: CALL, v: PROTOCOL_VERSION, method: 'hello', args: [], ack } as CallMessage, port2, lifetime));
      await replied;
      port1.close();
      await lifetime.done;
      return messages;
    };
    expect(await heard(true)).toEqual([{ ack: 'received' }, expect.objectContaining({ ok: true })]);
    expect(await heard(false)).toEqual([expect.objectContaining({ ok: true })]);
  });

  it('says it is still working on a call every ACK_INTERVAL_MS until it replies', async () => {
    // A history query that takes two and a half intervals, as one over a huge store on a slow device might.
    const query = vi.spyOn(RunStore, 'query').mockImplementation(() => new Promise((resolve) => setTimeout(() => resolve([]), ACK_INTERVAL_MS * 2.5)));
    const { port1, port2 } = new MessageChannel();
    const messages: unknown[] = [];
    port1.addEventListener('message', (e) => messages.push((e as MessageEvent).data));
    port1.start();
    const lifetime = new Lifetime();
    lifetime.keepAlive(answerCall({ type: CALL, v: PROTOCOL_VERSION, method: 'runs', args: [{}], ack: true } as CallMessage, port2, lifetime));
    await lifetime.done;
    await until(() => messages.some((m) => !isCallAck(m)));
    port1.close();
    query.mockRestore();
    expect(messages).toEqual([{ ack: 'received' }, { ack: 'working' }, { ack: 'working' }, { ok: true, value: [] }]);
  });

  it('answers a page of another protocol version with protocol-mismatch', async () => {
    const reply = await callOverPort({ v: 99, method: 'list' });
    expect(reply).toMatchObject({ ok: false, error: { name: 'BgkitError', code: 'protocol-mismatch', details: { page: 99 } } });
  });

  it('answers an unknown method (or an inherited one) with invalid-argument, not a crash', async () => {
    for (const method of ['launchMissiles', 'toString', 'constructor']) {
      const reply = await callOverPort({ method });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { method } } });
    }
  });

  it('refuses an access status that is not one, and keeps the stored one', async () => {
    await api().setAccess('alwaysAllowed');
    await expect(api().setAccess('everything' as never)).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(api().setAccess({} as never)).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await api().getAccess()).toBe('alwaysAllowed');
    await api().setAccess(null);
    expect(await api().getAccess()).toBeNull();
  });

  it('answers a BgkitError with its code and details', async () => {
    const reply = await callOverPort({ method: 'unregister', args: [''] });
    expect(reply).toMatchObject({ ok: false, error: { name: 'BgkitError', code: 'invalid-argument' } });
  });

  it('keeps a connection alive for its call and the run it started, then lets go', async () => {
    const lifetime = new Lifetime();
    const { registration } = await createApi(lifetime).register(input('blocked', 'blocked'));
    const requestLifetime = new Lifetime();
    let done = false;
    void requestLifetime.done.then(() => (done = true));
    await createApi(requestLifetime).request(registration.taskId, crypto.randomUUID(), {});
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    release!();
    await requestLifetime.done;
    await lifetime.done;
  });
});
