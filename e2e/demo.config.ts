// Browser tests of the inbox demo, against its production build served (app and API) by demo/server.mjs.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumSuite, server } from './chromium';

const port = Number(process.env.BGKIT_E2E_DEMO_PORT ?? 4393);

export default chromiumSuite({
  testDir: './demo',
  port,
  timeout: 60_000,
  // One browser at a time: the tests share the server's mailbox, and some launch their own browser.
  workers: 1,
  use: { viewport: { width: 1440, height: 900 }, permissions: ['notifications', 'background-sync'] },
  // A mailbox of its own, started anew for every run.
  webServer: server('../demo/server.mjs', port, { DEMO_DATA_DIR: join(tmpdir(), `bgkit-inbox-e2e-${port}`), DEMO_FRESH: '1' }),
});
