// Playwright configuration of @bgkit/expo's tests (e2e/expo) against the Expo test app (e2e/expo-app).
import { defineConfig } from '@playwright/test';

const port = Number(process.env.BGKIT_E2E_EXPO_PORT ?? 4591);
const reportFile = process.env.BGKIT_E2E_REPORT;

export default defineConfig({
  testDir: './expo',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: reportFile ? [['list'], ['json', { outputFile: reportFile }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.BGKIT_CHROMIUM ?? '/usr/bin/chromium',
      // This machine's network is closed: background networking only produces refused connections.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
  },
  webServer: [
    {
      command: 'node expo-app/server.mjs',
      env: { PORT: String(port) },
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
  ],
});
