// What every Playwright configuration of this repository shares: real Chromium (Debian's, never a downloaded
// one), the flags this machine's closed network needs, the JSON report scripts/test.mjs counts, and a web
// server for the app under test.
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';

/** This machine's network is closed: background networking only produces refused connections. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Suite {
  testDir: string;
  /** The port of the first web server, which is the tests' baseURL. */
  port: number;
  webServer: NonNullable<PlaywrightTestConfig['webServer']>;
  workers?: number;
  timeout?: number;
  /** Runs of a failed test again; one passing on a retry is reported as flaky (scripts/test.mjs names it). */
  retries?: number;
  use?: PlaywrightTestConfig['use'];
}

export function chromiumSuite({ testDir, port, webServer, workers = 2, timeout = 45_000, retries = 0, use = {} }: Suite): PlaywrightTestConfig {
  const reportFile = process.env.BGKIT_E2E_REPORT;
  return defineConfig({
    testDir,
    timeout,
    expect: { timeout: 10_000 },
    workers,
    retries,
    forbidOnly: !!process.env.CI,
    reporter: reportFile ? [['list'], ['json', { outputFile: reportFile }]] : [['list']],
    use: {
      baseURL: `http://127.0.0.1:${port}`,
      browserName: 'chromium',
      headless: true,
      launchOptions: { executablePath: process.env.BGKIT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
      trace: 'off',
      ...use,
    },
    webServer,
  });
}

/** A web server entry for `node <script>` on `port`, started anew in CI. */
export function server(script: string, port: number, env: Record<string, string> = {}) {
  return { command: `node ${script}`, env: { PORT: String(port), ...env }, url: `http://127.0.0.1:${port}/`, reuseExistingServer: !process.env.CI, stdout: 'ignore' as const };
}
