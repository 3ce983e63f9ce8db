// The README's "With Vite and vite-plugin-pwa" recipe, as a new user meets it: an app outside this repository,
// made of the README's own code blocks (each starts with a comment naming its file), bgkit installed from the
// packed tarballs and everything else from the npm registry, type-checked with the two tsconfigs, built with
// `vite build --mode test`, served, and run in Chromium. A recipe that stops working as written fails here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { BgkitDriver } from '@bgkit/devtools/playwright';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
// The versions the repository itself builds with, so that a new major elsewhere shows up as a deliberate bump.
const TOOLS = ['vite@^8.3.8', 'vite-plugin-pwa@^2.0.0', 'workbox-precaching@^7.4.1', 'workbox-window@^7.4.1', 'typescript@5.9.3'];

/** The README's recipe section: every fenced block whose first line names a file, as { path: contents }. */
function recipeFiles(): Record<string, string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('## With Vite and vite-plugin-pwa');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const files: Record<string, string> = {};
  for (const [, body] of section.matchAll(/```\w+\n([\s\S]*?)```/g)) {
    const named = /^(?:\/\/|<!--) ([\w./-]+\.\w+)(?: -->)?\n/.exec(body!);
    if (named) files[named[1]!] = body!;
  }
  return files;
}

let app: string;
let server: Server;
let url: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Installing from the registry and building take a minute on a fresh machine.
  test.setTimeout(300_000);
  app = mkdtempSync(join(tmpdir(), 'bgkit-recipe-'));
  const files = recipeFiles();
  expect(Object.keys(files).sort()).toEqual(['index.html', 'src/main.ts', 'src/sw.ts', 'tsconfig.json', 'tsconfig.sw.json', 'vite.config.ts']);
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(app, path)), { recursive: true });
    writeFileSync(join(app, path), body);
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'recipe-app', private: true, type: 'module' }));
  // `npm test` packs the tarballs once (BGKIT_TARBALLS); run alone, this packs the built packages itself.
  let tarballs = process.env.BGKIT_TARBALLS;
  if (!tarballs || !existsSync(tarballs)) {
    tarballs = join(app, '.tarballs');
    const { packAll } = (await import(join(root, 'scripts/pack.mjs'))) as { packAll(dir: string, o: object): unknown };
    packAll(tarballs, { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const bgkit = ['protocol', 'client', 'sw'].map((name) => join(tarballs!, `bgkit-${name}-0.1.0.tgz`));
  const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: app, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...bgkit]);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '-D', ...TOOLS]);
  // Both programs type-check: the page's (DOM) and the worker's (WebWorker).
  run('npx', ['tsc', '-p', 'tsconfig.json']);
  run('npx', ['tsc', '-p', 'tsconfig.sw.json']);
  run('npx', ['vite', 'build', '--mode', 'test']);
  // @ts-expect-error -- a plain ES module without type declarations (the demo's static file handler).
  const { serveBuiltApp } = (await import('../../demo/server/static.mjs')) as { serveBuiltApp(dir: string): (req: unknown, res: unknown) => Promise<void> };
  const serve = serveBuiltApp(join(app, 'dist'));
  server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (app) rmSync(app, { recursive: true, force: true });
});

test('the recipe app, built from the tarballs, runs its task on a first visit', async ({ page }) => {
  await page.goto(url);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Count in the background' }).click();
  await expect(page.locator('output')).toHaveText('{"words":5}');
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toBe(`${url}sw.js`);
});

test('its test build accepts the driver\'s simulations (enableDevtools() under --mode test)', async ({ page }) => {
  await page.goto(url);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout: 20_000 });
  const bgkit = await BgkitDriver.attach(page);
  expect(await bgkit.setDeviceState({ userPresent: false })).toEqual({ via: { userPresent: 'simulated' } });
  expect(await bgkit.fire('Count words', { arguments: { text: 'one two' } })).toMatchObject({ via: 'real', result: 'allowed' });
  expect(await bgkit.waitForRun('Count words')).toMatchObject({ status: 'completed', result: { words: 2 } });
  await bgkit.detach();
});
