import { describe, expect, it } from 'vitest';
import { entryPointFor, parseRegistrationName, registrationNameFor, testingNameFor } from '../internal/names.js';
import { freshnessFromMinutes, freshnessFromSeconds } from '../internal/intervals.js';

describe('bgkit names of Expo tasks', () => {
  it('round-trips the type and the task name, colons included', () => {
    for (const taskName of ['news-fetch', 'a:b:c', ' ']) {
      for (const taskType of ['backgroundTask', 'backgroundFetch'] as const) {
        expect(parseRegistrationName(registrationNameFor(taskType, taskName))).toEqual({ taskType, taskName });
      }
    }
  });

  it('is null for the app\'s own tasks, the testing companions and an empty task name', () => {
    for (const name of ['news-fetch', 'expo:news-fetch', testingNameFor('news-fetch'), 'expo:backgroundTask:', 'expo:location:x']) {
      expect(parseRegistrationName(name), name).toBeNull();
    }
  });

  it('namespaces entry points', () => {
    expect(entryPointFor('news-fetch')).toBe('expo:news-fetch');
  });
});

describe('intervals as TimeTrigger freshness times', () => {
  it('rounds seconds up to whole minutes, at least 15', () => {
    expect([1, 60, 899, 900, 901, 1000, 3600].map(freshnessFromSeconds)).toEqual([15, 15, 15, 15, 16, 17, 60]);
  });

  it('rounds minutes up, at least 15', () => {
    expect([0.5, 1, 15, 15.01, 90.5, 720].map(freshnessFromMinutes)).toEqual([15, 15, 15, 16, 91, 720]);
  });
});
