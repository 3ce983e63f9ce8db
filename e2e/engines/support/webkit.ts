// WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver, spoken with fetch: no client library
// needed) under Xvfb: MiniBrowser has no headless mode, and without a display the session request hangs for
// ever (seen with WebKitGTK 2.50; no test pins it). The driver and browser run on a private D-Bus bus whose
// stand-in portal lets a test take the browser really offline (portal.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NAME_SHIM, type Engine, type EnginePage } from './engine.js';
import { startPortal } from './portal.js';
import { freePort } from './freePort.js';

export const webkitDriverPath = process.env.BGKIT_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
export const miniBrowserPath = process.env.BGKIT_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
/**
 * WebKit stops a worker that no open page keeps busy within about 15–20 s (seen with WebKitGTK 2.50): wait past
 * that. That it has stopped by then is pinned by e2e/engines/tasks.test.ts, "a worker stopped mid-run leaves its
 * run canceled with terminating, and the next worker answers as before" (a new boot id).
 */
export const WEBKIT_IDLE_STOP_MS = 30_000;

/** Starts Xvfb on a display it picks itself (-displayfd), so parallel runs cannot collide. */
function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, process: xvfb });
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function launchWebKit(): Promise<Engine> {
  const cache = await mkdtemp(join(tmpdir(), 'bgkit-webkit-'));
  const xvfb = await startXvfb();
  const portal = await startPortal();
  const port = await freePort();
  const driver = spawn(webkitDriverPath, [`--port=${port}`], {
    stdio: 'ignore',
    env: {
      ...process.env,
      DISPLAY: xvfb.display,
      DBUS_SESSION_BUS_ADDRESS: portal.address,
      GTK_USE_PORTAL: '1',
      GIO_USE_PORTALS: '1',
      XDG_CACHE_HOME: cache,
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const stopAll = async () => {
    const exited = new Promise((resolve) => (driver.exitCode !== null ? resolve(null) : driver.once('exit', resolve)));
    driver.kill();
    await Promise.race([exited, sleep(5000)]);
    xvfb.process.kill();
    await portal.stop();
    // The browser's last writes to its caches may still land while the folder goes.
    await rm(cache, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };

  /** One WebDriver command; every request is bounded (a session request can hang without a display). */
  async function command(method: 'GET' | 'POST' | 'DELETE', path: string, body?: object, timeout = 60_000): Promise<unknown> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeout),
    });
    const json = (await response.json()) as { value: unknown };
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  }

  try {
    for (let i = 0; ; i++) {
      const ready = await command('GET', '/status', undefined, 2000).catch(() => undefined);
      if ((ready as { ready?: boolean } | undefined)?.ready) break;
      if (i > 100) throw new Error('WebKitWebDriver did not start');
      await sleep(50);
    }
    const session = (await command('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] } } },
    })) as { sessionId: string; capabilities: { browserVersion: string } };
    const s = `/session/${session.sessionId}`;
    await command('POST', `${s}/timeouts`, { script: 60_000, pageLoad: 30_000 });
    let current = 'about:blank';

    const page: EnginePage = {
      async evaluate(fn, arg) {
        const reply = (await command('POST', `${s}/execute/async`, {
          script: `${NAME_SHIM}
            const [src, arg, done] = arguments;
            Promise.resolve().then(() => (0, eval)('(' + src + ')')(arg)).then(
              (value) => done({ ok: true, value: value === undefined ? null : value }),
              (error) => done({ ok: false, error: String((error && error.stack) || error), name: error && error.name, code: error && error.code }),
            );`,
          args: [fn.toString(), arg === undefined ? null : arg],
        })) as { ok: boolean; value?: unknown; error?: string; code?: string };
        if (!reply.ok) throw Object.assign(new Error(`in the page: ${reply.error}`), reply.code ? { code: reply.code } : {});
        return reply.value as never;
      },
      async goto(url) {
        await command('POST', `${s}/url`, { url });
        current = url;
      },
      async reload() {
        await command('POST', `${s}/refresh`, {});
      },
      url: () => current,
    };

    return {
      name: 'webkit',
      version: `webkitgtk/${session.capabilities.browserVersion}`,
      page,
      async setOnline(online) {
        portal.setAvailable(online);
      },
      async stopWorker(origin) {
        // No WebDriver command stops a worker, and killing the web process ends the session: leave the
        // origin, wait until WebKit has stopped its idle worker, and come back (WEBKIT_IDLE_STOP_MS).
        const back = current.startsWith(origin) ? current : `${origin}/`;
        await page.goto('about:blank');
        await sleep(WEBKIT_IDLE_STOP_MS);
        await page.goto(back);
      },
      async grant() {
        // MiniBrowser has no permission API in WebDriver; WebKitGTK has no navigator.storage.persist at all
        // (access-push.test.ts, "requestAccess() and getAccessStatus() agree when the notification prompt
        // answers "denied" but the browser keeps "default"").
      },
      async close() {
        await command('DELETE', s, undefined, 10_000).catch(() => undefined);
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
