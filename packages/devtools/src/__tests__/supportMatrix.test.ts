// The README's support matrix is the generator's rendering of the recorded run of the cross-engine suite
// (scripts/support-matrix.mjs, e2e/engines/support-matrix.json): a hand edit of either, or a new run
// recorded without regenerating the README, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINES, FEATURES, README, readmeBlock, readSnapshot, render } from '../../../../scripts/support-matrix.mjs';

describe('support matrix', () => {
  it('README.md shows exactly what the generator renders of the recorded run', () => {
    const block = readmeBlock(readFileSync(README, 'utf8'));
    expect(block, 'README.md needs the support-matrix block: add its markers and run node scripts/support-matrix.mjs --write').not.toBeNull();
    expect(block).toBe(render(readSnapshot()));
  });

  it('the recorded run covers every engine and feature, each with a version and a date', () => {
    const run = readSnapshot() as Record<string, { version: string; date: string; features: Record<string, string> }>;
    for (const { key } of ENGINES as { key: string }[]) {
      expect(run[key]?.version, key).toMatch(/^\w+\/\d+\.\d+/);
      expect(run[key]?.date, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const [feature] of FEATURES as [string, string][]) {
        expect(['native', 'fallback', 'simulated-only', 'not available'], `${key} ${feature}`).toContain(run[key]?.features[feature]);
      }
    }
  });

  it('each recorded cell names the test of its engine that showed it, and that test is in the suite', () => {
    const run = readSnapshot() as Record<string, { features: Record<string, string>; evidence?: Record<string, string> }>;
    const suite = new URL('../../../../e2e/engines/', import.meta.url);
    // The test files' text, their quotes unescaped, where each title must be found.
    const sources = readdirSync(suite)
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => readFileSync(new URL(file, suite), 'utf8').replace(/\\/g, ''))
      .join('\n');
    for (const { key } of ENGINES as { key: string }[]) {
      for (const feature of Object.keys(run[key]!.features)) {
        const test = run[key]!.evidence?.[feature];
        expect(test ?? '(none)', `${key} ${feature}: no test recorded it`).toMatch(new RegExp(`^${key}: .+ > .+`));
        const title = test!.split(' > ').at(-1)!;
        expect(sources.includes(`'${title}'`), `${key} ${feature}: "${title}" is no test of e2e/engines`).toBe(true);
      }
    }
  });

  it('renders a feature no passing test recorded as untested, and each engine version', () => {
    const block = render({ firefox: { version: 'firefox/1.2.3', date: '2026-01-02', features: { 'time-trigger': 'fallback' } } }) as string;
    expect(block).toContain('| `TimeTrigger` | untested | fallback | untested |');
    expect(block).toContain('Firefox ESR 1.2.3');
    expect(block).toContain('Chromium (not run)');
    expect(readmeBlock(`a\n${block}\nb`)).toBe(block);
  });
});
