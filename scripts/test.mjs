// `npm test`: installs what is missing, builds, type-checks, runs the unit tests (vitest) and the browser
// tests (Playwright in Debian's chromium), and ends with one line: "N passed, N failed".
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { ensureChromium, ensureEngines, install, pnpm, pnpmStatus, root } from './bootstrap.mjs';
import { runEngineSuite } from './engines.mjs';
import { packAll } from './pack.mjs';

const out = join(root, '.bgkit-test');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
const notes = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

try {
  install();
  ensureChromium();
  ensureEngines();
  console.log('\n› building packages, the demo and the e2e app');
  pnpm(['-r', '--filter', './packages/*', 'run', 'build']);
  pnpm(['--filter', 'demo', '--filter', 'e2e-app', '--filter', 'e2e-expo-app', '--filter', 'e2e-capacitor-app', 'run', 'build']);
} catch (error) {
  console.log(`! set-up or build failed: ${error.message.split('\n')[0]}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// Each type-checked program counts as one test: a type error is a failure like any other.
const programs = [
  ['packages/protocol', 'tsconfig.json'],
  ['packages/sw', 'tsconfig.json'],
  ['packages/client', 'tsconfig.json'],
  ['packages/devtools', 'tsconfig.json'],
  ['demo', 'tsconfig.json'],
  ['demo', 'tsconfig.sw.json'],
  ['demo', 'tsconfig.server.json'],
  ['e2e/app', 'tsconfig.json'],
  ['e2e/app', 'tsconfig.sw.json'],
  ['e2e', 'tsconfig.json'],
  ['packages/expo', 'tsconfig.json'],
  ['packages/expo', 'tsconfig.sw.json'],
  // Our modules against the declarations of Expo's own packages: a change of their contract fails here.
  ['packages/expo', 'tsconfig.expo-types.json'],
  ['e2e/expo-app', 'tsconfig.json'],
  ['e2e/expo-app', 'tsconfig.sw.json'],
  // The page and worker entries, each also checked against the real @capacitor/background-runner contract.
  ['packages/capacitor', 'tsconfig.json'],
  ['packages/capacitor', 'tsconfig.sw.json'],
  ['e2e/capacitor-app', 'tsconfig.json'],
  ['e2e/capacitor-app', 'tsconfig.sw.json'],
];
console.log('\n› type-checking');
for (const [dir, config] of programs) {
  const status = pnpmStatus(['exec', 'tsc', '-p', join(dir, config), '--noEmit']);
  if (status === 0) passed++;
  else {
    failed++;
    notes.push(`type errors in ${dir}/${config}`);
  }
  console.log(`  ${status === 0 ? '✓' : '✘'} tsc -p ${dir}/${config}`);
}

console.log('\n› unit tests (vitest)');
const unitReport = join(out, 'unit.json');
pnpmStatus(['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
const unit = readJson(unitReport);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unit.numFailedTestSuites && !unit.numFailedTests ? unit.numFailedTestSuites : 0);
  for (const file of unit.testResults ?? []) {
    const failures = (file.assertionResults ?? []).filter((t) => t.status === 'failed').map((t) => t.fullName ?? t.title);
    if (failures.length) notes.push(`vitest failed in ${relative(root, file.name)}: ${failures.join('; ')}`);
    else if (file.status === 'failed') notes.push(`vitest could not run ${relative(root, file.name)}: ${String(file.message ?? '').split('\n')[0]}`);
  }
} else {
  failed++;
  notes.push('vitest wrote no report');
}

// Every public package as it would be published: packed as `pnpm pack` does, then checked the way a registry
// user meets it. Each check of each tarball counts as one test.
console.log('\n› published tarballs (publint --strict, are-the-types-wrong, contents, npm publish --dry-run)');
function check(label, run) {
  let problem;
  try {
    problem = run();
  } catch (error) {
    problem = String(error.stdout ?? '') + String(error.stderr ?? '') || error.message;
  }
  if (problem) {
    failed++;
    notes.push(`${label}: ${problem.trim().split('\n').slice(-12).join('\n    ')}`);
  } else passed++;
  console.log(`  ${problem ? '✘' : '✓'} ${label}`);
}
const bin = (name) => join(root, 'node_modules', '.bin', name);
const quiet = { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
let tarballs = [];
check('pack every public package', () => {
  tarballs = packAll(join(out, 'tarballs'), { stdio: ['ignore', 'ignore', 'pipe'] });
});
for (const { name, file } of tarballs) {
  check(`${name}: README, LICENSE and no tests in the tarball`, () => {
    const files = execFileSync('tar', ['-tzf', file], quiet).split('\n').map((f) => f.replace(/^package\//, ''));
    const missing = ['README.md', 'LICENSE', 'package.json'].filter((f) => !files.includes(f));
    const tests = files.filter((f) => f.includes('__tests__'));
    return [missing.length ? `missing ${missing.join(', ')}` : '', tests.length ? `ships tests: ${tests[0]}` : ''].filter(Boolean).join('; ');
  });
  check(`${name}: publint --strict`, () => {
    const result = spawnSync(bin('publint'), ['run', file, '--strict'], quiet);
    return result.status === 0 ? '' : result.stdout + result.stderr;
  });
  // ESM only, on purpose: the packages run in browsers and bundlers, and a service worker's ESM build has no
  // CommonJS consumer. So the node10 and require() resolutions are out of scope (attw's "esm-only" profile).
  check(`${name}: are-the-types-wrong --profile esm-only`, () => {
    const result = spawnSync(bin('attw'), [file, '--profile', 'esm-only', '--format', 'ascii'], quiet);
    return result.status === 0 ? '' : result.stdout + result.stderr;
  });
  check(`${name}: npm publish --dry-run`, () => {
    const result = spawnSync('npm', ['publish', file, '--dry-run', '--access', 'public', '--tag', 'next'], quiet);
    const warnings = (result.stderr ?? '').split('\n').filter((line) => /npm (warn|error)/i.test(line) && !/dry-run|You are not logged in/i.test(line));
    return result.status === 0 && warnings.length === 0 ? '' : warnings.join('\n') || result.stderr;
  });
}

/** A port from the environment (to run beside other servers), or a free one. */
async function portFrom(name) {
  const given = Number(process.env[name]);
  return Number.isInteger(given) && given > 0 ? given : freePort();
}

/** The titles of the tests a Playwright JSON report gives a status: 'flaky' (failed, then passed on a retry), 'unexpected' (failed). */
function titlesWithStatus(report, status) {
  const titles = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) if (t.status === status) titles.push(`${spec.file}: ${spec.title}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return titles;
}

/** Runs one Playwright configuration and counts its results. */
function playwright(label, config, report, env) {
  console.log(`\n› ${label}`);
  pnpmStatus(['exec', 'playwright', 'test', '-c', config], { env: { CI: process.env.CI ?? '1', BGKIT_E2E_REPORT: report, ...env } });
  const result = readJson(report);
  if (result?.stats) {
    passed += result.stats.expected + (result.stats.flaky ?? 0);
    // A test that passed only on a retry counts as passed, and is named, so a flaky one cannot hide.
    if (result.stats.flaky) notes.push(`${result.stats.flaky} test(s) of ${config} passed only on a retry (flaky): ${titlesWithStatus(result, 'flaky').join('; ')}`);
    failed += result.stats.unexpected;
    // Named here as well, so the last lines of a long CI log say which test failed.
    if (result.stats.unexpected) notes.push(`${result.stats.unexpected} test(s) of ${config} failed: ${titlesWithStatus(result, 'unexpected').join('; ')}`);
    if (result.errors?.length) {
      failed += result.errors.length;
      notes.push(...result.errors.map((e) => `playwright (${config}): ${e.message?.split('\n')[0]}`));
    }
  } else {
    failed++;
    notes.push(`playwright wrote no report for ${config}`);
  }
}

const port = await portFrom('BGKIT_E2E_PORT');
const fixturePort = await portFrom('BGKIT_E2E_FIXTURE_PORT');
const demoPort = await portFrom('BGKIT_E2E_DEMO_PORT');
playwright('browser tests of the kit (Playwright, chromium)', 'e2e/playwright.config.ts', join(out, 'e2e.json'), {
  BGKIT_E2E_PORT: String(port),
  BGKIT_E2E_FIXTURE_PORT: String(fixturePort),
  // The README recipe's test app installs the tarballs checked above (e2e/tests/recipe.spec.ts).
  BGKIT_TARBALLS: join(out, 'tarballs'),
});
playwright('browser tests of the inbox demo (Playwright, chromium)', 'e2e/demo.config.ts', join(out, 'demo-e2e.json'), {
  BGKIT_E2E_DEMO_PORT: String(demoPort),
});
playwright('browser tests of @bgkit/capacitor (Playwright, chromium)', 'e2e/capacitor.config.ts', join(out, 'capacitor-e2e.json'), {
  BGKIT_E2E_CAPACITOR_PORT: String(await portFrom('BGKIT_E2E_CAPACITOR_PORT')),
});
playwright('browser tests of @bgkit/expo (Playwright, chromium)', 'e2e/expo.config.ts', join(out, 'expo-e2e.json'), {
  BGKIT_E2E_EXPO_PORT: String(await portFrom('BGKIT_E2E_EXPO_PORT')),
});

console.log('\n› cross-engine suite: Firefox ESR and WebKitGTK (vitest, e2e/engines)');
const engines = runEngineSuite({ report: join(out, 'engines.json'), results: join(out, 'engines') });
passed += engines.passed;
failed += engines.failed;
notes.push(...engines.notes);

for (const note of notes) console.log(`! ${note}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
