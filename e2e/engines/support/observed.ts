// What the suite saw each engine do, for the support matrix (scripts/support-matrix.mjs): each feature is
// recorded by the test that showed it, so a feature whose test failed is missing from the last run. Written
// beside the other reports of a test run (.bgkit-test/engines/<engine>.json, or BGKIT_ENGINES_RESULTS);
// `node scripts/support-matrix.mjs --write` turns the last run into the committed matrix.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export type Support = 'native' | 'fallback' | 'simulated-only' | 'not available';

export const RESULTS_DIR = (process.env.BGKIT_ENGINES_RESULTS ?? fileURLToPath(new URL('../../../.bgkit-test/engines', import.meta.url))).replace(/\/?$/, '/');

export interface EngineResults {
  engine: string;
  version: string;
  date: string;
  features: Record<string, Support>;
  /** For each feature, the test that recorded it ("<describe> > <test>", as vitest names it). */
  evidence: Record<string, string>;
}

/**
 * Records that `feature` works in `engine` as `support` (merged into results/<engine>.json), with the test
 * that showed it: call it from that test, once it has seen the feature work so.
 */
export function observe(engine: string, version: string, feature: string, support: Support): void {
  const test = expect.getState().currentTestName;
  if (!test) throw new Error(`observe(${feature}) outside a test: a cell of the matrix needs the test that showed it`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = `${RESULTS_DIR}${engine}.json`;
  let results: EngineResults;
  try {
    results = JSON.parse(readFileSync(file, 'utf8')) as EngineResults;
  } catch {
    results = { engine, version, date: '', features: {}, evidence: {} };
  }
  results.version = version;
  results.date = new Date().toISOString().slice(0, 10);
  results.features[feature] = support;
  results.evidence = { ...results.evidence, [feature]: test };
  const sorted = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort());
  writeFileSync(file, `${JSON.stringify({ ...results, features: sorted(results.features), evidence: sorted(results.evidence) }, null, 2)}\n`);
}
