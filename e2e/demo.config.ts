// Browser tests of the inbox demo, against its production build served (app and API) by demo/server.mjs.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.BGKIT_E2E_DEMO_PORT ?? 4393);
const reportFile = process.env.BGKIT_E2E_REPORT;

export default defineConfig({
  testDir: './demo',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One browser at a time: the tests share the server's mailbox, and some launch their own browser.
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: reportFile ? [['list'], ['json', { outputFile: reportFile }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    permissions: ['notifications', 'background-sync'],
    launchOptions: {
      executablePath: process.env.BGKIT_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
  },
  webServer: {
    command: 'node ../demo/server.mjs',
    // A mailbox of its own, started anew for every run.
    env: { PORT: String(port), DEMO_DATA_DIR: join(tmpdir(), `bgkit-inbox-e2e-${port}`), DEMO_FRESH: '1' },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
  },
});
