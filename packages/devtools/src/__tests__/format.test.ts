import { describe, expect, it } from 'vitest';
import { compactJson, describeTrigger, formatDuration, parseArguments, relativeTime, runDuration, runOutcome } from '../panel/format.js';

describe('panel formatting', () => {
  it('writes triggers with their parameters', () => {
    expect(describeTrigger({ type: 'application' })).toBe('ApplicationTrigger');
    expect(describeTrigger({ type: 'time', freshnessTime: 60, oneShot: false })).toBe('TimeTrigger(60 min, repeating)');
    expect(describeTrigger({ type: 'maintenance', freshnessTime: 15, oneShot: true })).toBe('MaintenanceTrigger(15 min, one-shot)');
    expect(describeTrigger({ type: 'system', systemType: 'timeZoneChange', oneShot: true })).toBe('SystemTrigger(timeZoneChange, one-shot)');
    expect(describeTrigger({ type: 'system', systemType: 'userAway', oneShot: false })).toBe('SystemTrigger(userAway)');
  });

  it('formats durations and relative times', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
    expect(formatDuration(-1)).toBe('—');
    expect(relativeTime(1_000_000 + 14 * 60_000, 1_000_000)).toBe('in 14 min');
    expect(relativeTime(1_000_000 - 30_000, 1_000_000)).toBe('30 s ago');
    expect(runDuration({ startedAt: 100, finishedAt: null }, 600)).toBe('500 ms');
    expect(runDuration({ startedAt: null, finishedAt: null }, 600)).toBe('');
  });

  it('says how a run ended', () => {
    expect(runOutcome({ status: 'completed', result: { rows: 30 } })).toBe('{"rows":30}');
    expect(runOutcome({ status: 'failed', error: { name: 'UploadError', message: '503' } })).toBe('UploadError: 503');
    expect(runOutcome({ status: 'failed', error: { name: 'BgkitError', code: 'task-canceled', message: 'x' } })).toBe('BgkitError [task-canceled]: x');
    expect(runOutcome({ status: 'canceled', cancelReason: 'conditionLoss' })).toBe('canceled: conditionLoss');
    expect(runOutcome({ status: 'running' })).toBe('');
    expect(compactJson('x'.repeat(300), 10)).toHaveLength(10);
  });

  it('parses application arguments as a JSON object or nothing', () => {
    expect(parseArguments('  ')).toBeUndefined();
    expect(parseArguments('{"steps": 3}')).toEqual({ steps: 3 });
    expect(() => parseArguments('[1]')).toThrow(/JSON object/);
    expect(() => parseArguments('{steps: 3}')).toThrow(/not JSON/);
  });
});
