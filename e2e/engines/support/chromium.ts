// Debian's Chromium through puppeteer-core (CDP), for the support matrix only: the kit's Chromium suites are
// Playwright's (e2e/tests), which drive its real events. Same flags as e2e/playwright.config.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { NAME_SHIM, type Engine } from './engine.js';

export async function launchChromium(): Promise<Engine> {
  const cache = await mkdtemp(join(tmpdir(), 'bgkit-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.BGKIT_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    userDataDir: cache,
  });
  const tab = await browser.newPage();
  const unsupported = (what: string) => () => Promise.reject(new Error(`${what}: not used for Chromium here (see e2e/tests)`));
  return {
    name: 'chromium',
    version: `chromium/${(await browser.version()).split('/')[1]}`,
    page: {
      evaluate: (fn, arg) => tab.evaluate((src: string, value: unknown) => (0, eval)(src)(value), `${NAME_SHIM} (${fn.toString()})`, arg as unknown) as never,
      goto: async (url) => void (await tab.goto(url, { waitUntil: 'load', timeout: 30_000 })),
      reload: async () => void (await tab.reload({ waitUntil: 'load', timeout: 30_000 })),
      url: () => tab.url(),
    },
    // CDP's network emulation, as Playwright's context.setOffline() (the Playwright suites use that).
    setOnline: (online) => tab.setOfflineMode(!online),
    stopWorker: unsupported('stopWorker'),
    grant: async () => undefined,
    async close() {
      await browser.close().catch(() => undefined);
      await rm(cache, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}
