// Regression tests for trigger-layer races: each names the scenario it guards against.
import { beforeEach, describe, expect, it } from 'vitest';
import { freshWorld } from './helpers.js';
import { isBgkitError } from '../BgkitError.js';
import { defineTask } from '../defineTask.js';
import { createApi } from '../internal/api.js';
import { PendingStore } from '../internal/PendingStore.js';
import { Lifetime } from '../internal/Lifetime.js';
import { RunStore } from '../internal/RunStore.js';
import { RegistrationStore } from '../internal/RegistrationStore.js';
import { getDb } from '../internal/db.js';
import { dispatch } from '../internal/dispatch.js';
import { catchUp, onPeriodicSync } from '../internal/timeTriggers.js';
import type { ConditionSpec, RegisterInput, RunRecord, TriggerSpec } from '../protocol.js';

defineTask('r2.quick', () => 'ok');

const api = () => createApi(new Lifetime());
const input = (name: string, trigger: TriggerSpec, conditions: ConditionSpec[] = []): RegisterInput => ({
  name, entryPoint: 'r2.quick', trigger, conditions, cancelOnConditionLoss: false, isNetworkRequested: false, group: null,
});
const settledRuns = async (taskId: string) => (await RunStore.query({ taskId })).filter((r) => r.status === 'completed').length;

beforeEach(freshWorld);

describe('time-trigger slots', () => {
  it('two catch-ups at once (two tabs heartbeating) run an overdue task once', async () => {
    const { registration } = await api().register(input('t', { type: 'time', freshnessTime: 15, oneShot: false }));
    const later = Date.now() + 16 * 60_000;
    const [a, b] = await Promise.all([catchUp(later), catchUp(later)]);
    await Promise.all([...a, ...b]);
    expect(await settledRuns(registration.taskId)).toBe(1);
  });

  it('a periodicsync right after a catch-up run is not a second period', async () => {
    const { registration } = await api().register(input('t', { type: 'time', freshnessTime: 15, oneShot: false }));
    await Promise.all(await catchUp(Date.now() + 16 * 60_000));
    await (await onPeriodicSync(registration.taskId)).done;
    expect(await settledRuns(registration.taskId)).toBe(1);
  });
});

describe('pending triggers', () => {
  it('latch state triggers (one per task) but keep every data-carrying one', async () => {
    const system = await api().register(input('s', { type: 'system', systemType: 'timeZoneChange', oneShot: false }, [{ type: 'userPresent' }]));
    const push = await api().register(input('p', { type: 'push' }, [{ type: 'userPresent' }]));
    for (let i = 0; i < 3; i++) {
      await dispatch(system.registration, 'page', { systemType: 'timeZoneChange' });
      await dispatch(push.registration, 'push', { text: String(i) });
    }
    expect(await PendingStore.forTask(system.registration.taskId)).toHaveLength(1);
    expect(await PendingStore.forTask(push.registration.taskId)).toHaveLength(3);
  });

  it('a one-shot trigger firing again while it waits adds nothing', async () => {
    const once = await api().register(input('o', { type: 'system', systemType: 'timeZoneChange', oneShot: true }, [{ type: 'userPresent' }]));
    await dispatch(once.registration, 'page', null);
    await dispatch(once.registration, 'page', null);
    expect((await PendingStore.all()).length).toBe(1);
  });
});

describe('bad input', () => {
  it('refuses conditions that can never hold together', async () => {
    const error = await api()
      .register(input('x', { type: 'application' }, [{ type: 'internetAvailable' }, { type: 'internetNotAvailable' }]))
      .catch((e: unknown) => e);
    expect(isBgkitError(error, 'invalid-argument')).toBe(true);
  });

  it('refuses out-of-range device signals and a missing task id', async () => {
    expect(isBgkitError(await api().relay({ batteryLevel: 5 }).catch((e: unknown) => e), 'invalid-argument')).toBe(true);
    expect(isBgkitError(await api().relay({ online: 'yes' as never }).catch((e: unknown) => e), 'invalid-argument')).toBe(true);
    expect(isBgkitError(await api().unregister(undefined as never, false).catch((e: unknown) => e), 'invalid-argument')).toBe(true);
  });
});

describe('claiming a time slot with its run', () => {
  const timeTask = () => api().register(input('t', { type: 'time', freshnessTime: 15, oneShot: false }));

  it('stores the claim and the run together or not at all', async () => {
    const { registration } = await timeTask();
    const before = (await RegistrationStore.get(registration.taskId))!.schedule;
    const unstorable = { instanceId: 'x', taskId: registration.taskId, triggerDetails: () => 0 } as unknown as RunRecord;
    let recorded: Promise<void> | undefined;
    const claiming = RegistrationStore.claimSlot(registration.taskId, Date.now() + 16 * 60_000, 'due', (_claimed, record) => {
      recorded = record(unstorable);
      recorded.catch(() => undefined); // asserted below, once the claim has failed
    });
    await expect(claiming).rejects.toThrow();
    await expect(recorded).rejects.toThrow();
    RegistrationStore.forget();
    expect((await RegistrationStore.get(registration.taskId))!.schedule).toEqual(before);
    expect(await RunStore.get('x')).toBeUndefined();
  });

  it('a periodicsync refused right after another leaves no run behind, not even a started one', async () => {
    const { registration } = await timeTask();
    const first = await onPeriodicSync(registration.taskId);
    const second = await onPeriodicSync(registration.taskId);
    await Promise.all([first.done, second.done]);
    expect(await RunStore.query({ taskId: registration.taskId })).toHaveLength(1);
  });
});

describe('run writes', () => {
  it('runs recorded at once share one transaction, and a record that cannot be stored fails alone', async () => {
    const db = await getDb();
    const opened: string[][] = [];
    const original = db.transaction.bind(db);
    db.transaction = ((stores: never, mode?: IDBTransactionMode) => {
      if (mode === 'readwrite') opened.push([stores].flat());
      return original(stores, mode);
    }) as typeof db.transaction;
    try {
      const run = (i: number, details: unknown = null): RunRecord => ({
        instanceId: `w${i}`, taskId: 't', name: 't', entryPoint: 'e', trigger: 'application', source: 'application',
        triggerDetails: details, status: 'running', progress: 0, createdAt: i, startedAt: i, finishedAt: null, bootId: 'b',
      });
      const writes = Array.from({ length: 16 }, (_, i) => RunStore.add(run(i, i === 5 ? () => 0 : null)));
      const outcomes = await Promise.allSettled(writes);
      expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
      expect(opened.filter((stores) => stores.includes('runs'))).toHaveLength(1);
      expect((await RunStore.query({ taskId: 't' })).map((r) => r.instanceId).sort()).toEqual(
        Array.from({ length: 16 }, (_, i) => `w${i}`).filter((id) => id !== 'w5').sort(),
      );
    } finally {
      db.transaction = original;
    }
  });
});
