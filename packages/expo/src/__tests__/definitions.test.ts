import { describe, expect, it } from 'vitest';
import { executorOf, installDefinitionHook, isDefined, recordDefinition } from '../internal/definitions.js';

describe('the definitions registry shared by page and worker', () => {
  it('hands the worker hook every task defined before it, then each new one, once', () => {
    const first = async () => 1;
    recordDefinition('before', first);
    expect(isDefined('before')).toBe(true);
    expect(isDefined('after')).toBe(false);

    const seen: string[] = [];
    installDefinitionHook((name) => seen.push(name));
    expect(seen).toEqual(['before']);

    recordDefinition('after', async () => 2);
    // Defined again: the executor is replaced (as in Expo), the hook not called twice.
    const second = async () => 3;
    recordDefinition('before', second);
    expect(seen).toEqual(['before', 'after']);
    expect(executorOf('before')).toBe(second);

    // A second install (the worker entry imported twice) changes nothing.
    installDefinitionHook(() => seen.push('again'));
    recordDefinition('third', async () => 4);
    expect(seen).toEqual(['before', 'after', 'third']);
  });
});
