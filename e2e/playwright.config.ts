// The kit's browser tests (e2e/tests) against the kit's own test app (e2e/app), and the published builds
// served beside it (e2e/fixture-server.mjs).
import { chromiumSuite, server } from './chromium';

const port = Number(process.env.BGKIT_E2E_PORT ?? 4391);
const fixturePort = Number(process.env.BGKIT_E2E_FIXTURE_PORT ?? 4392);

export default chromiumSuite({
  testDir: './tests',
  port,
  webServer: [server('app/server.mjs', port), server('fixture-server.mjs', fixturePort)],
});
