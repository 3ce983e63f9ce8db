import { describe, expect, it } from 'vitest';
import { isBgkitError } from '@bgkit/client';
import { validateBoolean, validateInterval, validateOptions, validateTaskName } from '../internal/validate.js';

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return isBgkitError(error) ? error.code : `not a BgkitError: ${String(error)}`;
  }
}

describe('input checks', () => {
  it("takes Expo's rule for task names: a non-empty string", () => {
    expect(['', null, undefined, 0, 7, {}, []].map((v) => codeOf(() => validateTaskName(v)))).toEqual(Array(7).fill('invalid-name'));
    expect(['a', ' '].map((v) => codeOf(() => validateTaskName(v)))).toEqual([undefined, undefined]);
  });

  it('takes intervals that are positive finite numbers, or nothing', () => {
    expect([0, -1, NaN, Infinity, '60', null].map((v) => codeOf(() => validateInterval('minimumInterval', v, 'seconds')))).toEqual(Array(6).fill('invalid-argument'));
    expect([undefined, 0.5, 60].map((v) => codeOf(() => validateInterval('minimumInterval', v, 'seconds')))).toEqual([undefined, undefined, undefined]);
  });

  it('takes options objects and booleans', () => {
    expect([null, [], 'x', 1].map((v) => codeOf(() => validateOptions('f()', v)))).toEqual(Array(4).fill('invalid-argument'));
    expect(codeOf(() => validateOptions('f()', {}))).toBeUndefined();
    expect(['true', 1, null].map((v) => codeOf(() => validateBoolean('startOnBoot', v)))).toEqual(Array(3).fill('invalid-argument'));
    expect([true, false, undefined].map((v) => codeOf(() => validateBoolean('startOnBoot', v)))).toEqual([undefined, undefined, undefined]);
  });
});
