import { describe, expect, it } from 'vitest';
import type { RunRecord } from '@bgkit/protocol';

describe('@bgkit/client outside a browser', () => {
  it('imports without a window, navigator or service worker (SSR)', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const client = await import('../index.js');
    expect(typeof client.BackgroundTaskBuilder).toBe('function');
    expect(typeof client.BackgroundExecutionManager.requestAccess).toBe('function');
  });

  it('reports deniedBySystemPolicy where service workers do not exist', async () => {
    const { BackgroundExecutionManager } = await import('../index.js');
    expect(await BackgroundExecutionManager.requestAccess()).toBe('deniedBySystemPolicy');
    expect(await BackgroundExecutionManager.getAccessStatus()).toBe('deniedBySystemPolicy');
  });

  it('checks a builder before contacting any worker, then fails clearly without one', async () => {
    const { BackgroundTaskBuilder, ApplicationTrigger } = await import('../index.js');
    const code = (p: Promise<unknown>) => p.then(() => 'none', (e: { code?: string }) => e.code);
    const builder = new BackgroundTaskBuilder();
    expect(builder.validate()).toBe(false);
    expect(await code(builder.register())).toBe('missing-trigger');
    builder.setTrigger(new ApplicationTrigger());
    expect(await code(builder.register())).toBe('invalid-name');
    builder.name = 'sync';
    expect(await code(builder.register())).toBe('invalid-entry-point');
    builder.taskEntryPoint = 'sync-inbox';
    expect(builder.validate()).toBe(true);
    expect(await code(builder.register())).toBe('unsupported-browser');
  });

  it('rejects a request on a trigger no task was registered with', async () => {
    const { ApplicationTrigger } = await import('../index.js');
    await expect(new ApplicationTrigger().request()).rejects.toMatchObject({ name: 'BgkitError', code: 'not-registered' });
  });

  it('validates configure()', async () => {
    const { configure } = await import('../index.js');
    expect(() => configure({ timeout: -5 })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => configure({ serviceWorker: {} as never })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});

describe('BackgroundTaskCompletedEvent.checkResult()', () => {
  const base: RunRecord = {
    instanceId: 'i',
    taskId: 't',
    name: 'n',
    entryPoint: 'e',
    trigger: 'application',
    source: 'application',
    triggerDetails: {},
    status: 'completed',
    progress: 100,
    createdAt: 1,
    startedAt: 1,
    finishedAt: 2,
    bootId: 'b',
  };

  it('returns the handler result of a completed run', async () => {
    const { BackgroundTaskCompletedEvent } = await import('../index.js');
    const event = new BackgroundTaskCompletedEvent({ ...base, result: { ok: 1 } });
    expect(event.type).toBe('completed');
    expect(event.checkResult()).toEqual({ ok: 1 });
  });

  it('throws the task error, name and message intact', async () => {
    const { BackgroundTaskCompletedEvent } = await import('../index.js');
    const event = new BackgroundTaskCompletedEvent({ ...base, status: 'failed', error: { name: 'UploadError', message: '503' } });
    expect(() => event.checkResult()).toThrow(expect.objectContaining({ name: 'UploadError', message: '503' }));
  });

  it('a failed run that will be retried: retry on the event, and checkResult() throws task-retrying with the next attempt and the cause', async () => {
    const { BackgroundTaskCompletedEvent } = await import('../index.js');
    const retry = { attempt: 2, maxAttempts: 3, at: 30_000, instanceId: 'next' };
    const event = new BackgroundTaskCompletedEvent({ ...base, status: 'failed', error: { name: 'UploadError', message: '503' }, retry });
    expect(event.retry).toEqual(retry);
    let thrown: unknown;
    try {
      event.checkResult();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'BgkitError', code: 'task-retrying', details: retry, cause: { name: 'UploadError', message: '503' } });
    // Failed for good: the task's own error, and no retry.
    const last = new BackgroundTaskCompletedEvent({ ...base, status: 'failed', error: { name: 'UploadError', message: '503' } });
    expect(last.retry).toBeUndefined();
    expect(() => last.checkResult()).toThrow(expect.objectContaining({ name: 'UploadError' }));
  });

  it('a killed run that will be retried throws task-retrying, its cause task-canceled', async () => {
    const { BackgroundTaskCompletedEvent } = await import('../index.js');
    const retry = { attempt: 2, maxAttempts: 2, at: 1, instanceId: 'next' };
    const event = new BackgroundTaskCompletedEvent({ ...base, status: 'canceled', cancelReason: 'terminating', retry });
    expect(() => event.checkResult()).toThrow(expect.objectContaining({ code: 'task-retrying', cause: expect.objectContaining({ code: 'task-canceled' }) }));
  });

  it('throws task-canceled with the reason for a canceled run', async () => {
    const { BackgroundTaskCompletedEvent } = await import('../index.js');
    const event = new BackgroundTaskCompletedEvent({ ...base, status: 'canceled', cancelReason: 'terminating' });
    expect(() => event.checkResult()).toThrow(expect.objectContaining({ code: 'task-canceled', details: { reason: 'terminating' } }));
  });
});
