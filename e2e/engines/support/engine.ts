// One interface over the engines the cross-engine suite runs in: Firefox ESR driven by puppeteer-core
// through WebDriver BiDi, and WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver) under Xvfb.
// (Chromium, whose own suites are Playwright's in e2e/, joins for its column of the support matrix: chromium.test.ts.)
// Neither can evaluate inside a service worker (seen with Firefox ESR 153 and WebKitGTK 2.50; no test pins
// it): everything a test sees of the worker goes through the page, as the kit's own calls do.
export type EngineName = 'firefox' | 'webkit' | 'chromium';

export interface EnginePage {
  /** Runs `fn(arg)` in the page and returns its (JSON-cloneable) result; a thrown error rejects. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** The page's URL as of the last navigation. */
  url(): string;
}

export interface Engine {
  name: EngineName;
  /** `firefox/153.8.0`, `webkitgtk/2.50.6`. */
  version: string;
  page: EnginePage;
  /**
   * Takes the browser really offline (`false`) or back: `navigator.onLine` and the `offline`/`online` events
   * in the page and the worker. Firefox: `Services.io.offline` in the chrome scope. WebKitGTK: the stand-in
   * portal's NetworkMonitor. Requests to 127.0.0.1 still go through in Firefox: pair it with the server's
   * kill switch where requests must fail.
   */
  setOnline(online: boolean): Promise<void>;
  /** Stops the origin's service worker as the browser does (Firefox: at once; WebKit: by leaving it idle). */
  stopWorker(origin: string): Promise<void>;
  /** Grants what a user would answer in a prompt (notifications, persistent storage), where the engine can. */
  grant(origin: string, permissions: ('notifications' | 'persistent-storage')[]): Promise<void>;
  /**
   * Chromium only: CDP sessions (puppeteer's) on the page and the browser, for BgkitDriver's real events: the
   * driver uses their send(), on(), off() and detach(), which puppeteer's have as Playwright's do (support/app.ts).
   */
  cdp?: { page(): Promise<unknown>; browser(): Promise<unknown> };
  /** Chromium only: the origin's running worker, to look inside while no page of the app is open; null when none runs. */
  worker?(origin: string): Promise<Pick<EnginePage, 'evaluate'> | null>;
  close(): Promise<void>;
}

export async function launch(name: EngineName): Promise<Engine> {
  if (name === 'firefox') return (await import('./firefox.js')).launchFirefox();
  if (name === 'chromium') return (await import('./chromium.js')).launchChromium();
  return (await import('./webkit.js')).launchWebKit();
}

/** The wrapper both engines evaluate: bundlers' `__name` helper (kept names) must exist in the page too. */
export const NAME_SHIM = 'globalThis.__name ??= (f) => f;';
