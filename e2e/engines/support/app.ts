// The e2e app (e2e/app, built) opened in an engine, and the kit's own test driver bound to it.
import type { Page } from 'playwright-core';
import { BgkitDriver } from '@bgkit/devtools/playwright';
import type { Engine } from './engine.js';
import type { AppServer } from './server.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` in Node until it returns a value other than undefined/false; fails after `timeout`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Opens the app on the server's origin and waits until it registered its tasks. Permissions a user would
 * grant are granted first (Firefox otherwise leaves requestAccess() waiting on a prompt for its 10 s bound:
 * access-push.test.ts, "requestAccess() settles although nobody answers the persistent-storage prompt"),
 * unless `grant` is false.
 */
export async function openApp(engine: Engine, server: AppServer, { grant = true, path = '/' } = {}): Promise<void> {
  if (grant) await engine.grant(server.origin, ['notifications', 'persistent-storage']);
  await engine.page.goto(`${server.origin}${path}`);
  await waitReady(engine);
}

export async function waitReady(engine: Engine, timeout = 30_000): Promise<void> {
  await until('the app to be ready', () => engine.page.evaluate(() => document.body.dataset.ready === 'true'), timeout);
}

/**
 * BgkitDriver (@bgkit/devtools/playwright) on an engine's page. The driver needs of a Playwright Page only
 * `evaluate()` and `url()`, and its context for CDP (Chromium's, through puppeteer, whose sessions answer as
 * Playwright's do; Firefox and WebKitGTK have none: the driver then takes its simulated paths, and says so)
 * and for going offline (the engine's real offline).
 */
export async function attachDriver(engine: Engine): Promise<BgkitDriver> {
  const { cdp } = engine;
  const context = {
    newCDPSession: () => (cdp ? cdp.page() : Promise.reject(new Error(`${engine.name} has no CDP`))),
    setOffline: (offline: boolean) => engine.setOnline(!offline),
    browser: () => (cdp ? { newBrowserCDPSession: () => cdp.browser() } : null),
  };
  const page = {
    evaluate: (fn: (arg: unknown) => unknown, arg?: unknown) => engine.page.evaluate(fn, arg),
    url: () => engine.page.url(),
    context: () => context,
  };
  return BgkitDriver.attach(page as unknown as Page);
}
