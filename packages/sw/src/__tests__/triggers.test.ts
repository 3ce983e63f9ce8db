import { beforeEach, describe, expect, it } from 'vitest';
import { freshWorld, until } from './helpers.js';
import { defineTask } from '../defineTask.js';
import { createApi } from '../internal/api.js';
import { Lifetime } from '../internal/Lifetime.js';
import { RegistrationStore } from '../internal/RegistrationStore.js';
import { RunStore } from '../internal/RunStore.js';
import { startRun } from '../internal/runner.js';
import { pushDetails } from '../internal/eventSources.js';
import { catchUp } from '../internal/timeTriggers.js';
import type { RegisterInput, TriggerSpec } from '../protocol.js';

const releases: Array<() => void> = [];
defineTask('trig.wait', () => new Promise<void>((resolve) => releases.push(resolve)));
defineTask('trig.quick', () => 'done');

const api = () => createApi(new Lifetime());
function input(name: string, entryPoint: string, trigger: TriggerSpec): RegisterInput {
  return { name, entryPoint, trigger, conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, group: null };
}

beforeEach(async () => {
  await freshWorld();
  releases.length = 0;
});

describe('trigger sources', () => {
  it('queues a trigger that fires while its task runs, and runs it afterwards', async () => {
    const { registration } = await api().register(input('p', 'trig.wait', { type: 'push' }));
    const first = startRun({ registration, source: 'push', triggerDetails: { text: '1' } });
    await first.recorded;
    const second = startRun({ registration, source: 'push', triggerDetails: { text: '2' } });
    await second.recorded;
    expect((await RunStore.get(second.instanceId))?.status).toBe('queued');
    await until(() => releases.length === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(releases).toHaveLength(1); // the queued run's handler has not been called
    releases[0]!();
    await first.finished;
    await until(() => releases.length === 2);
    releases[1]!();
    expect((await second.finished).status).toBe('completed');
  });

  it('schedules a time trigger and runs it at the first wake after it is due', async () => {
    const before = Date.now();
    const { registration } = await api().register(input('t', 'trig.quick', { type: 'time', freshnessTime: 15, oneShot: false }));
    expect(registration.schedule?.via).toBe('catch-up');
    expect(registration.schedule!.nextRunTime).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(await catchUp(before + 14 * 60_000)).toHaveLength(0);
    const runs = await catchUp(before + 16 * 60_000);
    expect(runs).toHaveLength(1);
    await Promise.all(runs);
    const [run] = await RunStore.query({ taskId: registration.taskId });
    expect(run).toMatchObject({ status: 'completed', source: 'catch-up', result: 'done' });
    expect((await RegistrationStore.get(registration.taskId))!.schedule!.nextRunTime).toBeGreaterThan(registration.schedule!.nextRunTime);
  });

  it('unregisters a one-shot time trigger after its run', async () => {
    const { registration } = await api().register(input('once', 'trig.quick', { type: 'time', freshnessTime: 15, oneShot: true }));
    await Promise.all(await catchUp(Date.now() + 20 * 60_000));
    expect(await RegistrationStore.get(registration.taskId)).toBeUndefined();
    expect(await RunStore.query({ taskId: registration.taskId })).toHaveLength(1);
  });

  it('reads push payloads as text, JSON when it parses, null without data', () => {
    expect(pushDetails({ text: () => '{"a":1}' })).toEqual({ text: '{"a":1}', json: { a: 1 } });
    expect(pushDetails({ text: () => 'hi' })).toEqual({ text: 'hi' });
    expect(pushDetails(null)).toEqual({ text: null });
  });
});
