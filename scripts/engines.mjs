// The cross-engine suite (e2e/engines): bgkit's e2e app in Firefox ESR and WebKitGTK, the two engines
// without Background Sync or Periodic Background Sync, where the kit's fallbacks carry it (and Chromium, on
// its own events, for its column of the support matrix). vitest drives the browsers from Node: Firefox and
// Chromium through puppeteer-core (WebDriver BiDi, CDP), WebKitGTK through WebKitWebDriver under Xvfb.
//
//   node scripts/engines.mjs          installs what is missing, runs the suite, prints "N passed, N failed"
//
// scripts/test.mjs runs it through runEngineSuite() after building the packages and the e2e app.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { ensureEngines, pnpmStatus, root } from './bootstrap.mjs';

/**
 * Runs the suite with vitest's JSON report in `report`, its observations (for scripts/support-matrix.mjs) in
 * `results`, and returns the counts: every test is one, and a file that failed outside its tests (a browser
 * that would not start) counts as one failure.
 */
export function runEngineSuite({ report = join(root, '.bgkit-test', 'engines.json'), results = join(root, '.bgkit-test', 'engines') } = {}) {
  rmSync(report, { force: true });
  rmSync(results, { recursive: true, force: true });
  pnpmStatus(['exec', 'vitest', 'run', '-c', 'e2e/engines/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    // puppeteer-core downloads nothing; the variable keeps any puppeteer in the tree from trying.
    env: { PUPPETEER_SKIP_DOWNLOAD: '1', BGKIT_ENGINES_RESULTS: results },
  });
  let json;
  try {
    json = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, notes: ['the cross-engine suite wrote no report'] };
  }
  const failedOutsideTests = json.numFailedTestSuites && !json.numFailedTests ? json.numFailedTestSuites : 0;
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests + failedOutsideTests,
    notes: json.numFailedTests + failedOutsideTests ? ['failures in the cross-engine suite (e2e/engines)'] : [],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureEngines();
  const started = Date.now();
  const { passed, failed, notes } = runEngineSuite();
  for (const note of notes) console.log(`! ${note}`);
  console.log(`cross-engine suite: ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
