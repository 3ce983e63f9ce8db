import { describe, expect, it } from 'vitest';
import { validateRegisterInput } from '../validate.js';
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
