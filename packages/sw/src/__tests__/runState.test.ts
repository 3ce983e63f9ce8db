import { describe, expect, it } from 'vitest';
import { canTransition, isFinal } from '../internal/runState.js';

describe('run state machine', () => {
  it('moves queued → running → a final state', () => {
    expect(canTransition('queued', 'running')).toBe(true);
    expect(canTransition('running', 'completed')).toBe(true);
    expect(canTransition('running', 'failed')).toBe(true);
    expect(canTransition('running', 'canceled')).toBe(true);
    expect(canTransition('queued', 'canceled')).toBe(true);
  });

  it('never leaves a final state and never skips running', () => {
    for (const final of ['completed', 'failed', 'canceled'] as const) {
      expect(isFinal(final)).toBe(true);
      for (const to of ['queued', 'running', 'completed', 'failed', 'canceled'] as const) expect(canTransition(final, to)).toBe(false);
    }
    expect(canTransition('queued', 'completed')).toBe(false);
    expect(canTransition('running', 'queued')).toBe(false);
    expect(isFinal('running')).toBe(false);
    expect(isFinal('queued')).toBe(false);
  });
});
