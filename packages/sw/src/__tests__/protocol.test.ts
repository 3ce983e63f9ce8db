import { describe, expect, it } from 'vitest';
import { BgkitError, deserializeError, isBgkitError, serializeError } from '../protocol.js';

describe('errors across the wire', () => {
  it('a BgkitError keeps its class, code and details', () => {
    const original = new BgkitError('entry-point-not-defined', 'nope', { entryPoint: 'x' });
    const copy = deserializeError(structuredClone(serializeError(original)));
    expect(copy).toBeInstanceOf(BgkitError);
    expect(isBgkitError(copy, 'entry-point-not-defined')).toBe(true);
    expect(copy.message).toBe('nope');
    expect((copy as BgkitError).details).toEqual({ entryPoint: 'x' });
  });

  it('any other error keeps its name and message', () => {
    class UploadError extends Error {
      override name = 'UploadError';
    }
    const copy = deserializeError(serializeError(new UploadError('503')));
    expect(copy).toBeInstanceOf(Error);
    expect(copy.name).toBe('UploadError');
    expect(copy.message).toBe('503');
  });

  it('a thrown non-error becomes an Error with its text', () => {
    expect(serializeError('plain')).toEqual({ name: 'Error', message: 'plain' });
  });
});
