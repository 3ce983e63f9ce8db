// `npm test`: installs what is missing, builds, type-checks, runs the unit tests (vitest) and the browser
// tests (Playwright in Debian's chromium), and ends with one line: "N passed, N failed".
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { ensureChromium, ensureEngines, install, pnpm, pnpmStatus, root } from './bootstrap.mjs';
import { runEngineSuite } from './engines.mjs';
import { packAll, publicPackages } from './pack.mjs';

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
const unitStatus = pnpmStatus(['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
const unit = readJson(unitReport);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unit.numFailedTestSuites && !unit.numFailedTests ? unit.numFailedTestSuites : 0);
  // Errors outside any test (an unhandled rejection, a type error in a module the type tests load) fail
  // vitest's run but count in no test of its report: count the run as one failure then.
  if (unitStatus !== 0 && !unit.numFailedTests && !unit.numFailedTestSuites) {
    failed++;
    notes.push(`vitest exited with status ${unitStatus} although no test failed: errors outside the tests (see its output above)`);
  }
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
console.log('\n› published tarballs (publint --strict, are-the-types-wrong, contents, npm publish --dry-run, install trees, bundling)');
async function check(label, run) {
  let problem;
  try {
    problem = await run();
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
await check('pack every public package', () => {
  tarballs = packAll(join(out, 'tarballs'), { stdio: ['ignore', 'ignore', 'pipe'] });
});
// The tarballs unpacked as an app's install lays them out (node_modules/@bgkit/…), for the checks that read
// their files or bundle them as an app's bundler would.
const consumer = join(out, 'consumer');
/** The folder `name`'s tarball is unpacked in (unpacked on first use). */
function unpacked(name) {
  const dir = join(consumer, 'node_modules', name);
  if (!existsSync(join(dir, 'package.json'))) {
    const tarball = tarballs.find((t) => t.name === name);
    if (!tarball) throw new Error(`${name} was not packed`);
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball.file, '-C', dir, '--strip-components=1'], quiet);
  }
  return dir;
}
/** The files under `dir`, relative to it. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}
for (const { name, file } of tarballs) {
  await check(`${name}: README, LICENSE and no tests in the tarball`, () => {
    const files = execFileSync('tar', ['-tzf', file], quiet).split('\n').map((f) => f.replace(/^package\//, ''));
    const missing = ['README.md', 'LICENSE', 'package.json'].filter((f) => !files.includes(f));
    const tests = files.filter((f) => f.includes('__tests__'));
    return [missing.length ? `missing ${missing.join(', ')}` : '', tests.length ? `ships tests: ${tests[0]}` : ''].filter(Boolean).join('; ');
  });
  // An @internal member in a published .d.ts is API an app can start to depend on: every build strips it
  // (stripInternal), and nothing public may refer to what it strips (attw and tsc then fail).
  await check(`${name}: no @internal in its .d.ts (stripInternal)`, () => {
    const dir = unpacked(name);
    const leaks = filesUnder(dir).filter((f) => f.endsWith('.d.ts') && readFileSync(join(dir, f), 'utf8').includes('@internal'));
    return leaks.length ? `@internal published in ${leaks.join(', ')}` : '';
  });
  await check(`${name}: publint --strict`, () => {
    const result = spawnSync(bin('publint'), ['run', file, '--strict'], quiet);
    return result.status === 0 ? '' : result.stdout + result.stderr;
  });
  // ESM only, on purpose: the packages run in browsers and bundlers, and a service worker's ESM build has no
  // CommonJS consumer. So the node10 and require() resolutions are out of scope (attw's "esm-only" profile).
  await check(`${name}: are-the-types-wrong --profile esm-only`, () => {
    const result = spawnSync(bin('attw'), [file, '--profile', 'esm-only', '--format', 'ascii'], quiet);
    return result.status === 0 ? '' : result.stdout + result.stderr;
  });
  await check(`${name}: npm publish --dry-run`, () => {
    const result = spawnSync('npm', ['publish', file, '--dry-run', '--access', 'public', '--tag', 'next'], quiet);
    const warnings = (result.stderr ?? '').split('\n').filter((line) => /npm (warn|error)/i.test(line) && !/dry-run|You are not logged in/i.test(line));
    return result.status === 0 && warnings.length === 0 ? '' : warnings.join('\n') || result.stderr;
  });
}

// Pages install @bgkit/client (and through it @bgkit/protocol) and never run the worker's dependencies: an
// install of either must not bring them. The tree is what npm would install: the packed manifests of our
// packages, then each other dependency's own manifest as installed here.
const workspaceDirs = new Map(publicPackages().map((p) => [p.name, p.dir]));
/** The packages an install of `name` brings, each with the chain that brings it. */
function installTree(name) {
  const brought = new Map();
  const manifestDir = (dep, from) => {
    if (workspaceDirs.has(dep)) return { manifest: unpacked(dep), resolveFrom: workspaceDirs.get(dep) };
    // Node's lookup: the nearest node_modules/<dep> up from the package that depends on it.
    for (let dir = from; ; dir = dirname(dir)) {
      const found = join(dir, 'node_modules', dep);
      if (existsSync(join(found, 'package.json'))) return { manifest: found, resolveFrom: realpathSync(found) };
      if (dirname(dir) === dir) throw new Error(`${dep} is neither packed nor installed (needed from ${relative(root, from)})`);
    }
  };
  const visit = (dep, from, chain) => {
    const { manifest, resolveFrom } = manifestDir(dep, from);
    const json = JSON.parse(readFileSync(join(manifest, 'package.json'), 'utf8'));
    // npm installs peer dependencies too, unless they are marked optional.
    const peers = Object.keys(json.peerDependencies ?? {}).filter((p) => !json.peerDependenciesMeta?.[p]?.optional);
    for (const next of [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.optionalDependencies ?? {}), ...peers]) {
      if (brought.has(next)) continue;
      brought.set(next, [...chain, next]);
      visit(next, resolveFrom, [...chain, next]);
    }
  };
  visit(name, root, [name]);
  return brought;
}
for (const name of ['@bgkit/client', '@bgkit/protocol']) {
  await check(`${name}: its install brings neither idb nor workbox-background-sync`, () => {
    const tree = installTree(name);
    return ['idb', 'workbox-background-sync'].filter((dep) => tree.has(dep)).map((dep) => `installs ${tree.get(dep).join(' → ')}`).join('; ');
  });
}

// Bundles `source` as an app's bundler would, from the unpacked tarballs (Vite, as the README's recipe does):
// the code, and the files it loaded. The worker's own dependencies stay external: these checks are about ours.
async function bundle(entryName, source, conditions) {
  // Imported here, not at the top: a fresh clone has no vite until install() above has run.
  const { build: viteBuild } = await import('vite');
  const entry = join(consumer, `${entryName}.js`);
  writeFileSync(entry, source);
  const loaded = [];
  const result = await viteBuild({
    configFile: false, logLevel: 'silent', root: consumer, mode: 'production',
    ...(conditions && { resolve: { conditions } }),
    plugins: [{ name: 'loaded-files', load(id) { loaded.push(id); return null; } }],
    build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: entryName }, rolldownOptions: { external: ['idb', 'workbox-background-sync'] } },
  });
  const chunks = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).filter((o) => o.type === 'chunk');
  return { code: chunks.map((c) => c.code).join('\n'), loaded: loaded.map((id) => relative(consumer, id)) };
}
// `import '@bgkit/sw/iife'` is all a worker writes to get the classic build: "sideEffects" must keep it, or a
// bundler drops the whole file.
await check('@bgkit/sw/iife: a bundle that imports it keeps the runtime (sideEffects)', async () => {
  const size = readFileSync(join(unpacked('@bgkit/sw'), 'dist/bgkit-sw.prod.js'), 'utf8').length;
  const { code } = await bundle('iife-entry', "import '@bgkit/sw/iife';\n");
  const kept = code.replace(/\/\/.*|\/\*[^]*?\*\/|\s/g, '').length;
  return kept >= size / 2 ? '' : `the bundle kept ${kept} characters of the ${size} of dist/bgkit-sw.prod.js`;
});
// A development build that imports both entries must load development builds only and hold one BgkitError
// class, so that `instanceof` holds across them (run here in Node: the bundle keeps only the error class).
await check('@bgkit/sw + @bgkit/sw/protocol: one BgkitError class in a development bundle', async () => {
  unpacked('@bgkit/protocol');
  unpacked('@bgkit/sw');
  const { code, loaded } = await bundle(
    'development-entry',
    [
      "import { BgkitError as FromSw } from '@bgkit/sw';",
      "import { BgkitError as FromProtocol } from '@bgkit/sw/protocol';",
      "export const same = FromSw === FromProtocol && new FromSw('invalid-argument', '') instanceof FromProtocol;",
      '',
    ].join('\n'),
    ['development', 'module', 'browser'],
  );
  const production = loaded.filter((f) => f.includes('node_modules/@bgkit/') && f.endsWith('.js') && !f.endsWith('.dev.js'));
  const { same } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return [
    production.length ? `production builds in a development bundle: ${production.join(', ')}` : '',
    same ? '' : `more than one BgkitError class: ${(code.match(/\bBgkitError\$?\d* = class/g) ?? []).join(', ')}`,
  ].filter(Boolean).join('; ');
});

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
