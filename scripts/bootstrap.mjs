// Makes a machine that has only Node and npm ready: pnpm (through corepack, else npx), the workspace's
// dependencies, and, for the browser tests, Debian's chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const pnpmVersion = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).packageManager.split('@')[1];

const env = {
  ...process.env,
  // Corepack 0.34 cannot verify the signatures of current pnpm releases; the version is pinned in package.json.
  COREPACK_INTEGRITY_KEYS: '0',
  COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
  // Tests use the system's chromium; never let Playwright try to download a browser.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  // The cross-engine suite uses puppeteer-core with the system's browsers: never a download either.
  PUPPETEER_SKIP_DOWNLOAD: '1',
};

let runner;

function findRunner() {
  if (runner) return runner;
  const viaCorepack = spawnSync('corepack', ['pnpm', '--version'], { cwd: root, env, encoding: 'utf8' });
  if (viaCorepack.status === 0) runner = ['corepack', ['pnpm']];
  else runner = ['npx', ['-y', `pnpm@${pnpmVersion}`]];
  return runner;
}

/** Runs pnpm with `args` in the repository root; throws if it fails. */
export function pnpm(args, options = {}) {
  const [command, prefix] = findRunner();
  execFileSync(command, [...prefix, ...args], { cwd: root, env: { ...env, ...options.env }, stdio: options.stdio ?? 'inherit' });
}

/** Like pnpm(), but returns the exit status instead of throwing. */
export function pnpmStatus(args, options = {}) {
  const [command, prefix] = findRunner();
  return spawnSync(command, [...prefix, ...args], { cwd: root, env: { ...env, ...options.env }, stdio: 'inherit' }).status ?? 1;
}

export function install() {
  console.log(`› installing dependencies with pnpm ${pnpmVersion}`);
  pnpm(['install', '--frozen-lockfile', '--prefer-offline']);
}

export const chromiumPath = process.env.BGKIT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Installs what the browser tests need from Debian's packages when it is missing (as root, or through
 * sudo): chromium, and dbus-daemon for the private bus the notification tests run a fake server on.
 */
export function ensureChromium() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push('chromium');
  if (!existsSync('/usr/bin/dbus-daemon')) missing.push('dbus-daemon');
  if (missing.length === 0) return;
  console.log(`› installing ${missing.join(', ')} from Debian packages`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = asRoot ? [] : ['sudo'];
  const run = (args) => execFileSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
  if (!existsSync(chromiumPath)) throw new Error(`chromium was installed but ${chromiumPath} is missing`);
}

export const firefoxPath = process.env.BGKIT_FIREFOX ?? '/usr/bin/firefox-esr';
export const webkitDriverPath = process.env.BGKIT_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
export const miniBrowserPath = process.env.BGKIT_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * Installs what the cross-engine suite (e2e/engines) needs from Debian's packages when it is missing, as
 * ensureChromium() does: Firefox ESR (driven through WebDriver BiDi, so no geckodriver), WebKitGTK's
 * WebKitWebDriver and MiniBrowser, Xvfb (MiniBrowser has no headless mode) and dbus-daemon (the private bus
 * of the stand-in portal that takes WebKitGTK offline).
 */
export function ensureEngines() {
  const wanted = [
    [firefoxPath, 'firefox-esr'],
    [webkitDriverPath, 'webkit2gtk-driver'],
    [miniBrowserPath, 'libwebkit2gtk-4.1-0'],
    ['/usr/bin/Xvfb', 'xvfb'],
    ['/usr/bin/xauth', 'xauth'],
    ['/usr/bin/dbus-daemon', 'dbus-daemon'],
  ];
  const missing = wanted.filter(([path]) => !existsSync(path)).map(([, name]) => name);
  if (missing.length === 0) return;
  console.log(`› installing ${missing.join(', ')} from Debian packages`);
  aptInstall(missing);
  for (const [path, name] of wanted) if (!existsSync(path)) throw new Error(`${name} was installed but ${path} is missing`);
}

/** apt-get install, as root or through sudo. */
function aptInstall(names) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const run = (args) => execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', ...names]);
}
