// Playwright configuration of the Capacitor Background Runner tests: real Chromium against e2e/capacitor-app.
import { chromiumSuite, server } from './chromium';

const port = Number(process.env.BGKIT_E2E_CAPACITOR_PORT ?? 4491);

export default chromiumSuite({ testDir: './capacitor', port, webServer: server('capacitor-app/server.mjs', port) });
