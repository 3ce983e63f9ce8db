// The stored access status and ApplicationTrigger requests: a denied access answers disabledByPolicy and
// starts nothing (Windows' ApplicationTriggerResult.DisabledByPolicy). Real Chromium: e2e/tests/access.spec.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { freshWorld, restart } from './helpers.js';
import { defineTask } from '../defineTask.js';
import { createApi } from '../internal/api.js';
import { Lifetime } from '../internal/Lifetime.js';
import { RunStore } from '../internal/RunStore.js';
import type { RegisterInput } from '../protocol.js';

defineTask('access.echo', () => 'ran');
const api = () => createApi(new Lifetime());
const input: RegisterInput = { name: 'echo', entryPoint: 'access.echo', trigger: { type: 'application' }, conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, group: null };

beforeEach(freshWorld);

describe('requests under the stored access', () => {
  it.each(['deniedByUser', 'deniedBySystemPolicy'] as const)('%s: disabledByPolicy, and no run', async (status) => {
    const { registration } = await api().register(input);
    await api().setAccess(status);
    expect(await api().request(registration.taskId, `${status}-1`, {})).toBe('disabledByPolicy');
    expect(await RunStore.query({ taskId: registration.taskId })).toEqual([]);
    // Also for the next worker, which reads the stored status afresh.
    await restart();
    expect(await api().request(registration.taskId, `${status}-2`, {})).toBe('disabledByPolicy');
  });

  it('allowed again once access is granted, or forgotten', async () => {
    const { registration } = await api().register(input);
    await api().setAccess('deniedByUser');
    await api().setAccess('allowedSubjectToSystemPolicy');
    expect(await api().request(registration.taskId, 'a-1', {})).toBe('allowed');
    await api().setAccess('deniedByUser');
    await api().setAccess(null);
    const again = await api().register(input);
    expect(await api().request(again.registration.taskId, 'a-2', {})).toBe('allowed');
  });
});
