import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshWorld, restart, until } from './helpers.js';
import { defineTask } from '../defineTask.js';
import { setSimulator } from '../internal/devtoolsHook.js';
import { enableDevtools } from '../enableDevtools.js';
import { setClockOffset } from '../internal/clock.js';
import { readClockOffset } from '../internal/simulatedClock.js';
import { MAX_CLOCK_OFFSET_MS, MAX_FRESHNESS_MINUTES } from '../validate.js';
import { BackgroundWorkCost } from '../BackgroundWorkCost.js';
import { createApi } from '../internal/api.js';
import { Lifetime } from '../internal/Lifetime.js';
import { RegistrationStore } from '../internal/RegistrationStore.js';
import { RunStore } from '../internal/RunStore.js';
import type { RegisterInput, Simulation, TriggerSpec } from '../protocol.js';

const releases: Array<() => void> = [];
defineTask('sim.wait', () => new Promise<void>((resolve) => releases.push(resolve)));
defineTask('sim.echo', (task) => task.triggerDetails);
// Waits until canceled; its 30 s limit is far beyond what a test waits in real time.
defineTask('sim.limited', (task) => new Promise((_, reject) => task.signal.addEventListener('abort', () => reject(task.signal.reason))), { timeLimit: 30_000 });

const api = () => createApi(new Lifetime());
function input(name: string, entryPoint: string, trigger: TriggerSpec, conditions: RegisterInput['conditions'] = []): RegisterInput {
  return { name, entryPoint, trigger, conditions, cancelOnConditionLoss: false, isNetworkRequested: false, group: null };
}
async function register(name: string, trigger: TriggerSpec, entryPoint = 'sim.echo', conditions: RegisterInput['conditions'] = []) {
  return (await api().register(input(name, entryPoint, trigger, conditions))).registration;
}
/** Relays signals as a page does and waits until the worker has stored them (relay() answers before that). */
async function relayed(signals: Record<string, unknown>) {
  await api().relay(signals);
  await until(async () => {
    const device = (await api().device()) as Record<string, unknown>;
    return Object.entries(signals).every(([k, v]) => device[k] === v);
  });
}
async function simulated(signals: Record<string, unknown>) {
  await api().simulate({ kind: 'device', signals });
  await until(async () => {
    const device = (await api().device()) as Record<string, unknown>;
    return Object.entries(signals).every(([k, v]) => device[k] === v);
  });
}
const newestRun = async (taskId: string) => until(async () => (await RunStore.query({ taskId, status: ['completed', 'failed', 'canceled'] }))[0]);

beforeEach(async () => {
  await freshWorld();
  releases.length = 0;
  enableDevtools();
});
afterEach(() => {
  setSimulator(undefined);
  vi.restoreAllMocks();
});

describe('devtools simulation', () => {
  it('is refused with devtools-disabled, and logged, unless the app enabled devtools', async () => {
    setSimulator(undefined);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { taskId } = await register('push', { type: 'push' });
    await expect(api().simulate({ kind: 'fire', taskId })).rejects.toMatchObject({ name: 'BgkitError', code: 'devtools-disabled' });
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ code: 'devtools-disabled' }));
    expect(await RunStore.query({ taskId })).toEqual([]);
    expect(await api().devtools()).toEqual({ enabled: false });
  });

  it('refuses a malformed simulation with invalid-argument', async () => {
    const bad: unknown[] = [
      null,
      { kind: 'explode' },
      { kind: 'fire' },
      { kind: 'fire', taskId: 't', details: 'x' },
      { kind: 'notification', event: 'hover' },
      { kind: 'sync', tag: '' },
      { kind: 'device', signals: { online: 'yes' } },
      { kind: 'device', signals: { workCost: 'extreme' } },
      { kind: 'cancel', instanceId: 'i', reason: 'bored' },
    ];
    for (const simulation of bad) {
      await expect(api().simulate(simulation as Simulation), JSON.stringify(simulation)).rejects.toMatchObject({ code: 'invalid-argument' });
    }
    await expect(api().simulate({ kind: 'fire', taskId: 'nope' })).rejects.toMatchObject({ code: 'not-registered' });
  });

  it('fires each kind of trigger through dispatch, with its details, marked as simulated', async () => {
    const app = await register('app', { type: 'application' });
    const push = await register('push', { type: 'push' });
    const toast = await register('toast', { type: 'toastAction' });
    const sys = await register('sys', { type: 'system', systemType: 'timeZoneChange', oneShot: false });
    expect(await api().simulate({ kind: 'fire', taskId: app.taskId, details: { arguments: { n: 1 } } })).toEqual({ result: 'allowed' });
    await api().simulate({ kind: 'fire', taskId: push.taskId, details: { payload: '{"hi":1}' } });
    await api().simulate({ kind: 'fire', taskId: toast.taskId, details: { action: 'archive', tag: 'm1' } });
    await api().simulate({ kind: 'fire', taskId: sys.taskId });
    expect(await newestRun(app.taskId)).toMatchObject({ source: 'simulated', status: 'completed', result: { arguments: { n: 1 } } });
    expect(await newestRun(push.taskId)).toMatchObject({ source: 'simulated', result: { text: '{"hi":1}', json: { hi: 1 } } });
    expect(await newestRun(toast.taskId)).toMatchObject({ source: 'simulated', result: { action: 'archive', tag: 'm1', data: null, title: '' } });
    expect(await newestRun(sys.taskId)).toMatchObject({ source: 'simulated', result: { systemType: 'timeZoneChange' } });
  });

  it('answers currentlyRunning for an application task already running, as request() does', async () => {
    const { taskId } = await register('busy', { type: 'application' }, 'sim.wait');
    expect(await api().simulate({ kind: 'fire', taskId })).toEqual({ result: 'allowed' });
    await until(() => releases.length === 1);
    expect(await api().simulate({ kind: 'fire', taskId })).toEqual({ result: 'currentlyRunning' });
    releases[0]!();
  });

  it('runs a time trigger now and moves its next run a period on', async () => {
    const registered = await register('time', { type: 'time', freshnessTime: 15, oneShot: false });
    await new Promise((r) => setTimeout(r, 5));
    await api().simulate({ kind: 'fire', taskId: registered.taskId });
    expect(await newestRun(registered.taskId)).toMatchObject({ source: 'simulated', status: 'completed' });
    const after = (await RegistrationStore.get(registered.taskId))!.schedule!;
    expect(after.nextRunTime).toBeGreaterThan(registered.schedule!.nextRunTime);
    expect(after.lastRunAt).toBeDefined();
  });

  it('keeps a simulated fire pending while a condition does not hold, like a real one', async () => {
    const { taskId } = await register('gated', { type: 'push' }, 'sim.echo', [{ type: 'userNotPresent' }]);
    await simulated({ userPresent: true });
    await api().simulate({ kind: 'fire', taskId, details: { payload: 'later' } });
    expect(await api().pending()).toMatchObject([{ taskId, source: 'simulated' }]);
    expect(await RunStore.query({ taskId })).toEqual([]);
    await api().simulate({ kind: 'device', signals: { userPresent: false } });
    expect(await newestRun(taskId)).toMatchObject({ source: 'simulated', result: { text: 'later' } });
  });

  it('overrides device signals until reset: page reports do not undo them, and transitions fire system triggers', async () => {
    const away = await register('away', { type: 'system', systemType: 'userAway', oneShot: false });
    const back = await register('back', { type: 'system', systemType: 'userPresent', oneShot: false });
    await relayed({ userPresent: true, online: true });
    await simulated({ userPresent: false });
    expect(await newestRun(away.taskId)).toMatchObject({ source: 'simulated', result: { systemType: 'userAway' } });
    // A page's heartbeat still says present: the override wins, nothing fires.
    await api().relay({ userPresent: true });
    expect(await api().device()).toMatchObject({ userPresent: false, online: true, simulated: ['userPresent'] });
    expect(await RunStore.query({ taskId: back.taskId })).toEqual([]);
    await api().simulate({ kind: 'resetDevice' });
    expect(await newestRun(back.taskId)).toMatchObject({ source: 'simulated', result: { systemType: 'userPresent' } });
    const device = await api().device();
    expect(device.userPresent).toBe(true);
    expect(device.simulated).toBeUndefined();
  });

  it('forces a work cost, which tasks read and backgroundWorkCostNotHigh obeys; pages cannot report one', async () => {
    const change = await register('cost', { type: 'system', systemType: 'backgroundWorkCostChange', oneShot: false });
    await relayed({ onAC: true });
    expect(await BackgroundWorkCost.current()).toBe('low');
    await simulated({ workCost: 'high' });
    expect(await BackgroundWorkCost.current()).toBe('high');
    expect(await api().workCost()).toBe('high');
    expect(await newestRun(change.taskId)).toMatchObject({ result: { systemType: 'backgroundWorkCostChange' } });
    const gated = await register('cheap', { type: 'push' }, 'sim.echo', [{ type: 'backgroundWorkCostNotHigh' }]);
    await api().simulate({ kind: 'fire', taskId: gated.taskId });
    expect(await api().pending()).toHaveLength(1);
    await api().simulate({ kind: 'device', signals: { workCost: 'low' } });
    expect(await newestRun(gated.taskId)).toMatchObject({ status: 'completed' });
    await expect(api().relay({ workCost: 'low' })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('cancels a running run with the chosen reason', async () => {
    const { taskId } = await register('long', { type: 'application' }, 'sim.wait');
    await api().simulate({ kind: 'fire', taskId });
    await until(() => releases.length === 1);
    const [running] = await RunStore.query({ taskId });
    expect(await api().simulate({ kind: 'cancel', instanceId: running!.instanceId, reason: 'energySaver' })).toEqual({ result: true });
    expect(await newestRun(taskId)).toMatchObject({ status: 'canceled', cancelReason: 'energySaver' });
    expect(await api().simulate({ kind: 'cancel', instanceId: 'gone', reason: 'abort' })).toEqual({ result: false });
  });
});

describe('the kit clock', () => {
  afterEach(() => setClockOffset(0));

  it('refuses an offset past 100 years with invalid-argument, and stays where it was', async () => {
    expect(await api().simulate({ kind: 'clock', offset: 60_000 })).toMatchObject({ clock: { offset: 60_000 } });
    for (const offset of [1e20, MAX_CLOCK_OFFSET_MS + 1, Number.MAX_VALUE, Infinity, -1]) {
      await expect(api().simulate({ kind: 'clock', offset }), String(offset)).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument', details: { offset } });
    }
    expect(await api().simulate({ kind: 'clock' })).toMatchObject({ clock: { offset: 60_000 } });
    expect(await readClockOffset()).toBe(60_000);
  });

  it('at the bound, the longest freshnessTime still gives a valid nextRunTime', async () => {
    expect(await api().simulate({ kind: 'clock', offset: MAX_CLOCK_OFFSET_MS })).toMatchObject({ clock: { offset: MAX_CLOCK_OFFSET_MS } });
    const { schedule } = await register('far', { type: 'time', freshnessTime: MAX_FRESHNESS_MINUTES, oneShot: false });
    expect(Number.isNaN(new Date(schedule!.nextRunTime).getTime())).toBe(false);
  });
});

describe('the kit clock and time limits', () => {
  const clock = (offset?: number) => api().simulate({ kind: 'clock', offset });
  const start = async (name: string) => {
    const { taskId } = await register(name, { type: 'application' }, 'sim.limited');
    expect(await api().simulate({ kind: 'fire', taskId })).toEqual({ result: 'allowed' });
    return until(async () => (await RunStore.query({ taskId, status: ['running'] }))[0]);
  };
  afterEach(async () => {
    await clock(0);
  });

  it('two moves of 20 s cancel a run with a 30 s limit (executionTimeExceeded): the moves add up on the kit clock', async () => {
    const run = await start('limited');
    await clock(20_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await RunStore.get(run.instanceId))!.status).toBe('running');
    await clock(40_000);
    expect(await newestRun(run.taskId)).toMatchObject({ instanceId: run.instanceId, status: 'canceled', cancelReason: 'executionTimeExceeded' });
  });

  it('counts only the moves made while the run runs, from where the clock was when it started', async () => {
    await clock(60_000);
    const run = await start('limited later');
    // 60 s ahead before the run: none of it is the run's.
    await clock(80_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await RunStore.get(run.instanceId))!.status).toBe('running');
    // Set back, then on: 20 s, then 0 s, then 25 s of the run's own time on the kit clock.
    await clock(60_000);
    await clock(85_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await RunStore.get(run.instanceId))!.status).toBe('running');
    await clock(90_000);
    expect(await newestRun(run.taskId)).toMatchObject({ status: 'canceled', cancelReason: 'executionTimeExceeded' });
  });

  it('in a new worker, a run starts where the stored clock was: the moves of the last lifetime are not its own', async () => {
    await clock(600_000);
    await restart();
    // A new lifetime knows no offset until it reads the stored one.
    setClockOffset(0);
    enableDevtools();
    const run = await start('limited after restart');
    await clock(620_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await RunStore.get(run.instanceId))!.status).toBe('running');
    await clock(640_000);
    expect(await newestRun(run.taskId)).toMatchObject({ status: 'canceled', cancelReason: 'executionTimeExceeded' });
  });
});

describe('system triggers are durable', () => {
  it('a transition and the triggers it fires are stored together: a worker killed right after still runs them', async () => {
    const { applySignals } = await import('../internal/device.js');
    const { restart } = await import('./helpers.js');
    const away = await register('away', { type: 'system', systemType: 'userAway', oneShot: false });
    await relayed({ userPresent: true });
    // The state change commits, and the worker dies before running anything.
    expect(await applySignals({ userPresent: false }, { source: 'page' })).toEqual(['userAway']);
    expect(await api().pending()).toMatchObject([{ taskId: away.taskId, source: 'page', triggerDetails: { systemType: 'userAway' } }]);
    await restart();
    await api().tick();
    expect(await newestRun(away.taskId)).toMatchObject({ status: 'completed', source: 'page', result: { systemType: 'userAway' } });
    expect(await api().pending()).toEqual([]);
  });

  it('a latched trigger released twice makes two runs, each with an id of its own', async () => {
    const { taskId } = await register('gated', { type: 'system', systemType: 'timeZoneChange', oneShot: false }, 'sim.echo', [{ type: 'userNotPresent' }]);
    await relayed({ timeZone: 'Europe/Paris' });
    for (const [zone, i] of [['Asia/Tokyo', 1], ['America/Lima', 2]] as const) {
      await simulated({ userPresent: true });
      await relayed({ timeZone: zone });
      await until(async () => (await api().pending()).length === 1);
      await simulated({ userPresent: false });
      await until(async () => (await RunStore.query({ taskId, status: 'completed' })).length === i);
    }
    const runs = await RunStore.query({ taskId });
    expect(runs).toHaveLength(2);
    expect(new Set(runs.map((r) => r.instanceId)).size).toBe(2);
  });
});

describe('the registrations cache', () => {
  it('keeps up with writes, and a read overtaken by a write does not become a stale cache', async () => {
    const registered = await register('cached', { type: 'time', freshnessTime: 15, oneShot: false });
    RegistrationStore.forget();
    const reading = RegistrationStore.all();
    const moved = { ...registered, schedule: { ...registered.schedule!, nextRunTime: 123 } };
    expect(await RegistrationStore.update(moved)).toBe(true);
    await reading;
    expect((await RegistrationStore.get(registered.taskId))!.schedule!.nextRunTime).toBe(123);
    // Later writes patch the cache in place of a re-read.
    const claimed = await RegistrationStore.claimSlot(registered.taskId, 1000, 'now');
    expect((await RegistrationStore.get(registered.taskId))!.schedule).toEqual(claimed!.schedule);
    await RegistrationStore.delete([registered.taskId]);
    expect(await RegistrationStore.get(registered.taskId)).toBeUndefined();
  });
});
