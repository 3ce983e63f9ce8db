// The worker's diagnostics moved from BackgroundExecutionManager to @bgkit/client/devtools (#17); the old
// names stay as deprecated aliases until 0.3.
import { describe, expect, it, vi } from 'vitest';
import { BackgroundExecutionManager } from '../BackgroundExecutionManager.js';
import { deviceState, pendingTriggers, runs } from '../devtools.js';
import { moved } from '../internal/diagnostics.js';

describe('diagnostics', () => {
  it('are exported by @bgkit/client/devtools, and the deprecated aliases are the same functions in production builds', () => {
    expect(BackgroundExecutionManager.deviceState).toBe(deviceState);
    expect(BackgroundExecutionManager.pending).toBe(pendingTriggers);
    expect(BackgroundExecutionManager.runs).toBe(runs);
  });

  it('in development builds, an alias says once where it moved, and answers as the new name does', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const read = vi.fn(async (query?: { limit?: number }) => [query?.limit]);
    const alias = moved('runs', read);
    expect(await alias({ limit: 3 })).toEqual([3]);
    expect(await alias()).toEqual([undefined]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('use runs() from @bgkit/client/devtools');
    warn.mockRestore();
  });
});
