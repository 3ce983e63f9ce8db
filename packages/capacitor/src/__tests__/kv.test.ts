import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isBgkitError } from '@bgkit/sw/protocol';
import { EventKV } from '../sw/kv.js';
import { readKV } from '../shared/store.js';

describe('EventKV', () => {
  it('reads and writes synchronously, and has every write stored once flushed', async () => {
    const kv = await EventKV.open('runner-a');
    expect(kv.api.get('k')).toBeNull();
    kv.api.set('k', 'v1');
    kv.api.set('other', 'x');
    expect(kv.api.get('k')).toEqual({ value: 'v1' });
    kv.api.remove('other');
    await kv.flush();
    expect(await readKV('runner-a')).toEqual({ k: 'v1' });
    // The next event's view starts from what is stored.
    expect((await EventKV.open('runner-a')).api.get('k')).toEqual({ value: 'v1' });
  });

  it('keeps runners apart, and two events of one runner at once do not undo each other\'s keys', async () => {
    const [one, two] = await Promise.all([EventKV.open('runner-b'), EventKV.open('runner-b')]);
    one.api.set('a', '1');
    two.api.set('b', '2');
    await Promise.all([one.flush(), two.flush()]);
    expect(await readKV('runner-b')).toEqual({ a: '1', b: '2' });
    expect(await readKV('runner-c')).toEqual({});
  });

  it('refuses what Capacitor refuses: non-string values, empty keys', async () => {
    const kv = await EventKV.open('runner-d');
    expect(() => kv.api.set('n', 42 as unknown as string)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    let error: unknown;
    try {
      kv.api.get('');
    } catch (e) {
      error = e;
    }
    expect(isBgkitError(error, 'invalid-argument')).toBe(true);
    await kv.flush();
    expect(await readKV('runner-d')).toEqual({});
  });
});
