// Playwright configuration of @bgkit/expo's tests (e2e/expo) against the Expo test app (e2e/expo-app).
import { chromiumSuite, server } from './chromium';

const port = Number(process.env.BGKIT_E2E_EXPO_PORT ?? 4591);

export default chromiumSuite({ testDir: './expo', port, webServer: server('expo-app/server.mjs', port) });
