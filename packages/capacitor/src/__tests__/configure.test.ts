// configureBackgroundRunner()'s options, checked before anything is registered.
import { describe, expect, it } from 'vitest';
import { isBgkitError } from '@bgkit/client';
import { configureBackgroundRunner, MAX_TIME_LIMIT_MS } from '../configure.js';

const config = { label: 'com.example.runner', src: 'runners/background.js', event: 'sync', repeat: true, interval: 15, autoStart: false };
const codeOf = (timeLimit: unknown) => configureBackgroundRunner(config, { timeLimit: timeLimit as number }).then(() => 'registered', (e: unknown) => (isBgkitError(e) ? e.code : String(e)));

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
    const error = await configureBackgroundRunner(config, { timeLimit: timeLimit as number }).catch((e: unknown) => e);
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
