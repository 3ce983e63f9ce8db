// Firefox ESR through puppeteer-core's WebDriver BiDi (no geckodriver, which would need a
// download). `--remote-allow-system-access` opens the chrome scope, where a test can grant permissions, go
// really offline (`Services.io.offline`: page and worker) and stop a service worker (tasks.test.ts, "a worker
// stopped mid-run leaves its run canceled with terminating, and the next worker answers as before").
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { NAME_SHIM, type Engine, type EnginePage } from './engine.js';

export const firefoxPath = process.env.BGKIT_FIREFOX ?? '/usr/bin/firefox-esr';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

export async function launchFirefox(): Promise<Engine> {
  const cache = await mkdtemp(join(tmpdir(), 'bgkit-firefox-'));
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    args: ['--remote-allow-system-access'],
    // The browser's caches go to the run's own folder, not the user's ~/.cache.
    env: { ...process.env, XDG_CACHE_HOME: cache },
    protocolTimeout: 60_000,
  });
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const chrome = (tree.result.contexts as { context: string }[])[0]!.context;

  /** Evaluates privileged code (an async function body) in the browser's chrome window. */
  async function privileged(body: string): Promise<unknown> {
    const { result } = await connection.send('script.evaluate', {
      expression: `(async () => { ${body} })()`,
      target: { context: chrome },
      awaitPromise: true,
    });
    if (result.type === 'exception') throw new Error(`chrome scope: ${JSON.stringify(result.exceptionDetails)}`);
    return (result.result as { value?: unknown }).value;
  }

  const tab: Page = await browser.newPage();
  const page: EnginePage = {
    async evaluate(fn, arg) {
      // Function source, as Playwright sends it: the page has none of the test's closures.
      return tab.evaluate(
        (src: string, value: unknown) => {
          // eslint-disable-next-line no-eval
          return (0, eval)(src)(value);
        },
        `${NAME_SHIM} (${fn.toString()})`,
        arg as unknown,
      ) as never;
    },
    async goto(url) {
      await tab.goto(url, { waitUntil: 'load', timeout: 30_000 });
    },
    async reload() {
      await tab.reload({ waitUntil: 'load', timeout: 30_000 });
    },
    url: () => tab.url(),
  };

  const version = (await browser.version()).replace(/^firefox\//i, 'firefox/');
  return {
    name: 'firefox',
    version,
    page,
    async setOnline(online) {
      // Without manageOfflineStatus off, the link service may put the flag back on its own.
      await privileged(`Services.io.manageOfflineStatus = false; Services.io.offline = ${!online};`);
    },
    async stopWorker(origin) {
      const stopped = await privileged(`
        const manager = Cc['@mozilla.org/serviceworkers/manager;1'].getService(Ci.nsIServiceWorkerManager);
        const registrations = manager.getAllRegistrations();
        let stopped = 0;
        for (let i = 0; i < registrations.length; i++) {
          const registration = registrations.queryElementAt(i, Ci.nsIServiceWorkerRegistrationInfo);
          if (registration.principal.origin !== ${JSON.stringify(origin)} || !registration.activeWorker) continue;
          await registration.activeWorker.terminateWorker();
          stopped++;
        }
        return stopped;`);
      if (stopped !== 1) throw new Error(`expected one worker of ${origin} to stop, stopped ${String(stopped)}`);
    },
    async grant(origin, permissions) {
      const types = permissions.map((p) => (p === 'notifications' ? 'desktop-notification' : 'persistent-storage'));
      await privileged(`
        const principal = Services.scriptSecurityManager.createContentPrincipalFromOrigin(${JSON.stringify(origin)});
        for (const type of ${JSON.stringify(types)}) Services.perms.addFromPrincipal(principal, type, Services.perms.ALLOW_ACTION);`);
    },
    async close() {
      await privileged('Services.io.offline = false;').catch(() => undefined);
      await browser.close().catch(() => undefined);
      await rm(cache, { recursive: true, force: true });
    },
  };
}
