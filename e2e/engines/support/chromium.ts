// Debian's Chromium through puppeteer-core (CDP), for its column of the support matrix: chromium.test.ts
// shows each feature working there, on the browser's own events where it has them (the kit's Chromium suites
// are Playwright's, in e2e/tests). Same flags as e2e/playwright.config.ts. Offline is CDP's network emulation
// on the page and on the worker, as Playwright's context.setOffline() does; Chromium's Background Sync goes by
// the worker's (seen in Chromium 156: the end of the emulation fires a real `sync`, with no page open).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type CDPSession, type Target } from 'puppeteer-core';
import { NAME_SHIM, type Engine } from './engine.js';

const OFFLINE = { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

export async function launchChromium(): Promise<Engine> {
  const cache = await mkdtemp(join(tmpdir(), 'bgkit-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.BGKIT_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    userDataDir: cache,
  });
  const tab = await browser.newPage();
  const pageSession = await tab.createCDPSession();
  await pageSession.send('ServiceWorker.enable');

  // Offline is a CDP session on each worker target emulating it (a worker started meanwhile gets one too);
  // online is no session: detaching one lifts its emulation, and Background Sync then sees the network back.
  // (A worker stopped through CDP while offline never hears of it: its session answers nothing more, and its
  // Background Sync stays offline. The tests leave a worker to the browser while offline: chromium.test.ts.)
  let offline = false;
  const workerSessions = new Map<Target, CDPSession>();
  const emulateOffline = async (target: Target) => {
    if (!offline || target.type() !== 'service_worker' || workerSessions.has(target)) return;
    const session = await target.createCDPSession();
    workerSessions.set(target, session);
    await session.send('Network.emulateNetworkConditions', OFFLINE);
  };
  browser.on('targetcreated', (target: Target) => void emulateOffline(target).catch(() => undefined));
  return {
    name: 'chromium',
    version: `chromium/${(await browser.version()).split('/')[1]}`,
    page: {
      evaluate: (fn, arg) => tab.evaluate((src: string, value: unknown) => (0, eval)(src)(value), `${NAME_SHIM} (${fn.toString()})`, arg as unknown) as never,
      goto: async (url) => void (await tab.goto(url, { waitUntil: 'load', timeout: 30_000 })),
      reload: async () => void (await tab.reload({ waitUntil: 'load', timeout: 30_000 })),
      url: () => tab.url(),
    },
    async setOnline(online) {
      offline = !online;
      await tab.setOfflineMode(offline);
      if (offline) await Promise.all(browser.targets().map(emulateOffline));
      else {
        const sessions = [...workerSessions.values()];
        workerSessions.clear();
        await Promise.all(sessions.map((session) => session.detach().catch(() => undefined)));
      }
    },
    async stopWorker() {
      // Every worker of the browser: each test has one app.
      await pageSession.send('ServiceWorker.stopAllWorkers');
    },
    async grant(origin, permissions) {
      // Browser.grantPermissions (what puppeteer's overridePermissions() sends) denies every permission it does
      // not list: Background Sync, which Chromium allows by default, is listed to keep it so. (Browser.setPermission
      // with 'persistent-storage' leaves navigator.storage.persist() answering false: seen in Chromium 156.)
      await browser.defaultBrowserContext().overridePermissions(origin, [...permissions, 'background-sync']);
    },
    cdp: { page: () => tab.createCDPSession(), browser: () => browser.target().createCDPSession() },
    async worker(origin) {
      const target = browser.targets().find((t) => t.type() === 'service_worker' && t.url().startsWith(origin));
      const worker = await target?.worker();
      return worker ? { evaluate: (fn, arg) => worker.evaluate((src: string, value: unknown) => (0, eval)(src)(value), `${NAME_SHIM} (${fn.toString()})`, arg as unknown) as never } : null;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await rm(cache, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}
