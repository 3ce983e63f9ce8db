import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshWorld } from './helpers.js';
import { unmetCondition } from '../internal/conditions.js';
import { applySignals } from '../internal/device.js';
import type { DeviceSignals, RegistrationRecord, SystemConditionType, TriggerSpec } from '../protocol.js';

function registration(conditions: SystemConditionType[], trigger: TriggerSpec = { type: 'push' }): RegistrationRecord {
  return {
    taskId: 't',
    name: 't',
    entryPoint: 't',
    trigger,
    conditions: conditions.map((type) => ({ type })),
    cancelOnConditionLoss: false,
    isNetworkRequested: false,
    createdAt: 0,
  };
}

/** Which of the conditions hold for this device state (the unit tests have no window clients: no session). */
async function holding(signals: DeviceSignals): Promise<SystemConditionType[]> {
  await applySignals(signals);
  const all: SystemConditionType[] = [
    'internetAvailable', 'internetNotAvailable', 'freeNetworkAvailable', 'userPresent', 'userNotPresent',
    'sessionConnected', 'sessionDisconnected', 'backgroundWorkCostNotHigh',
  ];
  const held: SystemConditionType[] = [];
  for (const type of all) if ((await unmetCondition(registration([type]))) === null) held.push(type);
  return held;
}

beforeEach(freshWorld);
afterEach(() => vi.unstubAllGlobals());

describe('conditions', () => {
  it('hold by the reported device state', async () => {
    expect(await holding({ online: true, userPresent: true })).toEqual([
      'internetAvailable', 'freeNetworkAvailable', 'userPresent', 'sessionDisconnected', 'backgroundWorkCostNotHigh',
    ]);
    expect(await holding({ online: false, userPresent: false, saveData: true })).toEqual(['internetNotAvailable', 'userNotPresent', 'sessionDisconnected']);
    expect(await holding({ online: true, saveData: false, connectionType: 'cellular' })).toContain('internetAvailable');
    expect(await holding({ online: true, connectionType: 'cellular' })).toEqual(['internetAvailable', 'userNotPresent', 'sessionDisconnected', 'backgroundWorkCostNotHigh']);
  });

  it('count the worker offline when its own navigator says so', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    expect(await holding({ online: true })).toEqual(expect.arrayContaining(['internetNotAvailable']));
    expect(await holding({ online: true })).not.toContain('freeNetworkAvailable');
  });

  it('name the first that does not hold, and onAC for a maintenance task on battery', async () => {
    await applySignals({ online: true, userPresent: false, onAC: false });
    expect(await unmetCondition(registration(['internetAvailable', 'userPresent', 'sessionConnected']))).toBe('userPresent');
    expect(await unmetCondition(registration(['internetAvailable'], { type: 'maintenance', freshnessTime: 15, oneShot: false }))).toBe('onAC');
    await applySignals({ onAC: true });
    expect(await unmetCondition(registration(['internetAvailable'], { type: 'maintenance', freshnessTime: 15, oneShot: false }))).toBeNull();
  });
});
