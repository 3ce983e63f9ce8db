// configureBackgroundRunner() with the registration itself stubbed: what it remembers of each runner. The real
// registrations are tested in Chromium (e2e/capacitor).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackgroundTaskBuilder, type BackgroundTaskRegistration } from '@bgkit/client';
import { configureBackgroundRunner, runnerOf } from '../configure.js';
import type { BackgroundRunnerConfig } from '../types.js';

beforeEach(() => {
  vi.spyOn(BackgroundTaskBuilder.prototype, 'register').mockImplementation(async function (this: BackgroundTaskBuilder) {
    return { name: this.name } as BackgroundTaskRegistration;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const config = (label: string): BackgroundRunnerConfig => ({ label, src: 'runner.js', event: 'tick', repeat: true, interval: 15, autoStart: false });

describe('configureBackgroundRunner', () => {
  it("gives dispatches iOS's 30 s by default, as defineRunner() does in the worker", async () => {
    await configureBackgroundRunner(config('default-limit'));
    expect((await runnerOf('default-limit')).timeLimit).toBe(30_000);
    await configureBackgroundRunner(config('own-limit'), { timeLimit: 5_000 });
    expect((await runnerOf('own-limit')).timeLimit).toBe(5_000);
  });

  it('refuses a time limit that is not a positive number with invalid-argument', async () => {
    for (const timeLimit of [0, -1, Number.NaN, Infinity]) {
      await expect(configureBackgroundRunner(config('bad-limit'), { timeLimit })).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument' });
    }
  });
});
