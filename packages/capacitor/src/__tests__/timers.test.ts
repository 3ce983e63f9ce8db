import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimerScope } from '../sw/timers.js';

describe('TimerScope', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs timers as setTimeout and setInterval do, and forgets the ones that fired', () => {
    const scope = new TimerScope();
    const calls: string[] = [];
    scope.setTimeout((a) => calls.push(`timeout ${String(a)}`), 10, 'arg');
    const interval = scope.setInterval(() => calls.push('tick'), 5);
    vi.advanceTimersByTime(12);
    expect(calls).toEqual(['tick', 'timeout arg', 'tick']);
    expect(scope.size).toBe(1);
    scope.clearInterval(interval);
    expect(scope.size).toBe(0);
  });

  it('clearAll() stops every timer still set: nothing fires after the event settled', () => {
    const scope = new TimerScope();
    const fired = vi.fn();
    scope.setTimeout(fired, 100);
    scope.setInterval(fired, 10);
    scope.clearAll();
    vi.advanceTimersByTime(1_000);
    expect(fired).not.toHaveBeenCalled();
    expect(scope.size).toBe(0);
  });
});
