// The devtools are mounted in development only: the production build the demo command serves carries no
// panel code in the page and no simulation code in the worker. Its test build (`vite build --mode test`, as in
// the README's vite-plugin-pwa recipe) enables the worker's simulations for the Playwright driver.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build } from 'vite';

// What only devtools code contains: the panel's element name, its lazily loaded chunk, and a simulation kind.
const PAGE_MARKERS = ['bgkit-devtools', 'BgkitPanel'];
const WORKER_MARKER = 'resetDevice';

test('the production build served by the demo command contains no devtools code', async ({ request }) => {
  const worker = await (await request.get('/sw.js')).text();
  expect(worker).not.toContain(WORKER_MARKER);
  // Every file the app is made of is in the worker's precache list.
  const urls = [...worker.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
  const scripts = urls.filter((u) => u.endsWith('.js') || u.endsWith('.html'));
  expect(scripts.filter((u) => u.endsWith('.js')).length).toBeGreaterThan(0);
  for (const url of scripts) {
    expect(url).not.toContain('BgkitPanel');
    const body = await (await request.get(`/${url}`)).text();
    for (const marker of PAGE_MARKERS) expect(body, `${url} contains ${marker}`).not.toContain(marker);
  }
});

test('the markers are right: a build that mounts the panel and enables devtools contains them', async () => {
  // The kit's own test app mounts the panel and enables simulations in every build.
  const dist = fileURLToPath(new URL('../app/dist/', import.meta.url));
  const assets = await readdir(`${dist}assets`);
  expect(assets.some((f) => f.startsWith('BgkitPanel'))).toBe(true);
  const page = (await Promise.all(assets.filter((f) => f.endsWith('.js')).map((f) => readFile(`${dist}assets/${f}`, 'utf8')))).join('\n');
  expect(page).toContain('bgkit-devtools');
  expect(await readFile(`${dist}sw.js`, 'utf8')).toContain(WORKER_MARKER);
});

test('the demo\'s test build (vite build --mode test, as in the recipe) enables devtools in its worker', async () => {
  test.setTimeout(120_000);
  const outDir = await mkdtemp(join(tmpdir(), 'bgkit-demo-test-build-'));
  try {
    await build({ root: fileURLToPath(new URL('../../demo/', import.meta.url)), mode: 'test', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    const worker = await readFile(join(outDir, 'sw.js'), 'utf8');
    expect(worker.includes(WORKER_MARKER), `the test build's sw.js contains ${WORKER_MARKER}`).toBe(true);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
