import { describe, expect, it } from 'vitest';
import { computeWorkCost } from '../internal/workCost.js';

describe('computeWorkCost', () => {
  it('is low when nothing says otherwise, including unknown signals', () => {
    expect(computeWorkCost({}, 0)).toBe('low');
    expect(computeWorkCost({ onAC: true, batteryLevel: 0.05, effectiveType: '4g', saveData: false }, 1)).toBe('low');
  });

  it.each([
    [{ onAC: false, batteryLevel: 0.1 }, 0],
    [{ saveData: true }, 0],
    [{ effectiveType: '2g' }, 0],
    [{ effectiveType: 'slow-2g' }, 0],
    [{}, 4],
  ])('is high for %j with %i runs', (device, running) => {
    expect(computeWorkCost(device, running)).toBe('high');
  });

  it.each([
    [{ onAC: false, batteryLevel: 0.5 }, 0],
    [{ effectiveType: '3g' }, 0],
    [{}, 2],
  ])('is medium for %j with %i runs', (device, running) => {
    expect(computeWorkCost(device, running)).toBe('medium');
  });
});
