// configureBackgroundRunner() with the registration itself stubbed: what it remembers of each runner. The real
// registrations are tested in Chromium (e2e/capacitor).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackgroundTaskBuilder, isBgkitError, type BackgroundTaskRegistration } from '@bgkit/client';
import { configureBackgroundRunner, MAX_TIME_LIMIT_MS, runnerOf } from '../configure.js';
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

// The bound on timeLimit, checked before anything is registered.
const runner = { label: 'com.example.runner', src: 'runners/background.js', event: 'sync', repeat: true, interval: 15, autoStart: false };
const codeOf = (timeLimit: unknown) => configureBackgroundRunner(runner, { timeLimit: timeLimit as number }).then(() => 'registered', (e: unknown) => (isBgkitError(e) ? e.code : String(e)));

describe('configureBackgroundRunner({ timeLimit })', () => {
  it.each([
    ['past what a timer holds (2^31 ms)', 2 ** 31],
    ['1e20 ms', 1e20],
    ['one past the bound (the deadline timer adds dispatchEvent()\'s margin)', MAX_TIME_LIMIT_MS + 1],
    ['Infinity', Infinity],
    ['NaN', Number.NaN],
    ['zero', 0],
    ['negative', -1],
    ['a string', '30000'],
  ])('refuses %s with invalid-argument', async (_label, timeLimit) => {
    const error = await configureBackgroundRunner(runner, { timeLimit: timeLimit as number }).catch((e: unknown) => e);
    expect(isBgkitError(error, 'invalid-argument')).toBe(true);
    expect(error).toMatchObject({ details: { timeLimit, maximum: MAX_TIME_LIMIT_MS } });
  });

  it('takes the bound itself: with the margin, the deadline still fits in a timer', async () => {
    expect(MAX_TIME_LIMIT_MS + 10_000).toBe(2 ** 31 - 1);
    // Past the check, registering needs a browser: what fails then is not the time limit.
    expect(await codeOf(MAX_TIME_LIMIT_MS)).not.toBe('invalid-argument');
    expect(await codeOf(30_000)).not.toBe('invalid-argument');
  });
});
