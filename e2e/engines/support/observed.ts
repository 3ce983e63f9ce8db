// What the suite saw each engine do, for the support matrix (scripts/support-matrix.mjs): each feature is
// recorded by the test that showed it, so a feature whose test failed is missing from the last run. Written
// beside the other reports of a test run (.bgkit-test/engines/<engine>.json, or BGKIT_ENGINES_RESULTS);
// `node scripts/support-matrix.mjs --write` turns the last run into the committed matrix.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Support = 'native' | 'fallback' | 'simulated-only' | 'not available';

export const RESULTS_DIR = (process.env.BGKIT_ENGINES_RESULTS ?? fileURLToPath(new URL('../../../.bgkit-test/engines', import.meta.url))).replace(/\/?$/, '/');

export interface EngineResults {
  engine: string;
  version: string;
  date: string;
  features: Record<string, Support>;
}

/** Records that `feature` works in `engine` as `support` (merged into results/<engine>.json). */
export function observe(engine: string, version: string, feature: string, support: Support): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = `${RESULTS_DIR}${engine}.json`;
  let results: EngineResults;
  try {
    results = JSON.parse(readFileSync(file, 'utf8')) as EngineResults;
  } catch {
    results = { engine, version, date: '', features: {} };
  }
  results.version = version;
  results.date = new Date().toISOString().slice(0, 10);
  results.features[feature] = support;
  writeFileSync(file, `${JSON.stringify({ ...results, features: Object.fromEntries(Object.entries(results.features).sort()) }, null, 2)}\n`);
}
