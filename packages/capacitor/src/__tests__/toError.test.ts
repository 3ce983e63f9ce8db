import { describe, expect, it } from 'vitest';
import { toError } from '../sw/toError.js';
import { autoStartEntryPoint, dispatchEntryPoint, pushEntryPoint, taskNames } from '../shared/names.js';

describe('toError', () => {
  it('keeps errors, and turns what else reject() was given into an Error with that message', () => {
    const error = new RangeError('out');
    expect(toError(error)).toBe(error);
    expect(toError('plain')).toMatchObject({ name: 'Error', message: 'plain' });
    expect(toError(undefined).message).toBe('The runner rejected the event.');
    expect(toError({ code: 7 })).toMatchObject({ message: '{"code":7}', details: { code: 7 } });
  });
});

describe('names', () => {
  it('gives each way an event starts its own entry point and task name', () => {
    expect([dispatchEntryPoint('l'), autoStartEntryPoint('l'), pushEntryPoint('l')]).toEqual(['capacitor:l', 'capacitor:l:autoStart', 'capacitor:l:remoteNotification']);
    expect([taskNames.dispatch('l'), taskNames.autoStart('l', 'e'), taskNames.push('l')]).toEqual(['l', 'l · e (autoStart)', 'l · remoteNotification']);
  });
});
