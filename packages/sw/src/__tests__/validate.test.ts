import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_OFFSET_MS, validateRegisterInput, validateSimulation } from '../validate.js';
import type { RegisterInput } from '../protocol.js';

const valid: RegisterInput = {
  name: 'sync',
  entryPoint: 'sync-inbox',
  trigger: { type: 'application' },
  conditions: [],
  cancelOnConditionLoss: false,
  isNetworkRequested: false,
  group: null,
};

function codeOf(input: Partial<RegisterInput>): string | undefined {
  try {
    validateRegisterInput({ ...valid, ...input } as RegisterInput);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('validateRegisterInput', () => {
  it('accepts a complete input', () => {
    expect(codeOf({})).toBeUndefined();
    expect(codeOf({ conditions: [{ type: 'internetAvailable' }, { type: 'userPresent' }, { type: 'freeNetworkAvailable' }] })).toBeUndefined();
  });

  it.each([
    ['empty name', { name: '' }, 'invalid-name'],
    ['blank name', { name: '   ' }, 'invalid-name'],
    ['non-string name', { name: 7 as unknown as string }, 'invalid-name'],
    ['empty entry point', { entryPoint: '' }, 'invalid-entry-point'],
    ['no trigger', { trigger: undefined as never }, 'missing-trigger'],
    ['unknown trigger', { trigger: { type: 'smsReceived' } as never }, 'unsupported-trigger'],
    ['a system trigger the web cannot have', { trigger: { type: 'system', systemType: 'lockScreenApplicationAdded', oneShot: false } }, 'unsupported-trigger'],
    ['an unknown condition', { conditions: [{ type: 'sunny' } as never] }, 'invalid-argument'],
    ['conditions not an array', { conditions: 'x' as never }, 'invalid-argument'],
    ['group without id', { group: { id: '', name: 'g' } }, 'invalid-group'],
  ])('rejects %s with %s', (_what, input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('names the unsupported trigger', () => {
    expect(() => validateRegisterInput({ ...valid, trigger: { type: 'lockScreenApplicationAdded' } as never })).toThrow(
      expect.objectContaining({ code: 'unsupported-trigger', details: { trigger: 'lockScreenApplicationAdded' } }),
    );
  });
});

describe('validateSimulation: the kit clock', () => {
  it('takes an offset from 0 to 100 years ahead, or none (a read)', () => {
    expect(MAX_CLOCK_OFFSET_MS).toBe(100 * 365.25 * 86_400_000);
    for (const offset of [undefined, 0, 60_000, MAX_CLOCK_OFFSET_MS]) expect(() => validateSimulation({ kind: 'clock', offset })).not.toThrow();
  });

  it('refuses anything else with invalid-argument: past the bound (1e20 made nextRunTime an Invalid Date), behind, not a number', () => {
    for (const offset of [1e20, MAX_CLOCK_OFFSET_MS + 1, Number.MAX_VALUE, Infinity, Number.NaN, -1, '60000']) {
      expect(() => validateSimulation({ kind: 'clock', offset } as never), String(offset)).toThrow(expect.objectContaining({ code: 'invalid-argument', details: { offset, maximum: MAX_CLOCK_OFFSET_MS } }));
    }
  });
});
