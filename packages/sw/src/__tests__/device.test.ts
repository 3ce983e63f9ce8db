import { beforeEach, describe, expect, it } from 'vitest';
import { freshWorld } from './helpers.js';
import { applySignals, readDeviceState } from '../internal/device.js';
import { validateSignals } from '../validate.js';
import type { DeviceSignals } from '../protocol.js';

beforeEach(freshWorld);

describe('stored device state', () => {
  it('takes the well-formed fields of a report and nothing else', async () => {
    await applySignals({ online: true, timeZone: 'Europe/Paris', batteryLevel: 0.5, connectionType: 'wifi' });
    await applySignals({
      online: 'no',
      userPresent: false,
      timeZone: '',
      batteryLevel: '1',
      effectiveType: '',
      leaving: true,
      workCost: 'extreme',
      color: 'blue',
    } as unknown as DeviceSignals);
    expect(await readDeviceState()).toEqual({
      online: true,
      userPresent: false,
      timeZone: 'Europe/Paris',
      batteryLevel: 0.5,
      connectionType: 'wifi',
      effectiveType: '',
    });
  });

  it('keeps a simulated work cost apart from the reports, and drops it on reset', async () => {
    await applySignals({ onAC: true });
    await applySignals({ workCost: 'high' }, { mode: 'simulated' });
    expect(await readDeviceState()).toEqual({ onAC: true, workCost: 'high', simulated: ['workCost'] });
    await applySignals({}, { mode: 'reset' });
    expect(await readDeviceState()).toEqual({ onAC: true });
  });
});

describe('validateSignals', () => {
  it.each([
    [null],
    [{ workCost: 'low' }],
    [{ online: 1 }],
    [{ leaving: 'yes' }],
    [{ timeZone: 3 }],
    [{ effectiveType: true }],
    [{ batteryLevel: 1.5 }],
    [{ batteryLevel: '0.5' }],
  ])('refuses %j with invalid-argument', (signals) => {
    expect(() => validateSignals(signals as DeviceSignals)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });

  it('accepts a full report', () => {
    expect(() =>
      validateSignals({ online: true, userPresent: false, onAC: true, saveData: false, sessionConnected: true, leaving: false, timeZone: 'UTC', effectiveType: '4g', connectionType: 'wifi', batteryLevel: 0 }),
    ).not.toThrow();
  });
});
