import { describe, expect, it } from 'vitest';
import { BgkitError, deserializeError, installErrorTransfer, isBgkitError, serializeError } from '../protocol.js';

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

  it('replaces comlink\'s throw handler with one that keeps codes, once', () => {
    const marker = Symbol('thrown');
    const canHandle = (v: unknown) => typeof v === 'object' && v !== null && marker in v;
    const handlers = new Map<string, never>([['throw', { canHandle, serialize: () => [], deserialize: () => undefined } as never]]);
    installErrorTransfer(handlers);
    installErrorTransfer(handlers);
    const handler = handlers.get('throw') as unknown as {
      canHandle: typeof canHandle;
      serialize(v: unknown): [unknown, unknown[]];
      deserialize(v: unknown): never;
    };
    expect(handler.canHandle).toBe(canHandle);
    const [wire] = handler.serialize({ value: new BgkitError('sw-timeout', 'slow'), [marker]: 0 });
    let thrown: unknown;
    try {
      handler.deserialize(structuredClone(wire));
    } catch (error) {
      thrown = error;
    }
    expect(isBgkitError(thrown, 'sw-timeout')).toBe(true);
  });
});
