// Serves the built inbox app and its API on one local port and prints its URL. `PORT=0` picks a free port.
// The mailbox lives in `.data/` beside this file (DEMO_DATA_DIR to move it; DEMO_FRESH=1 starts it anew).
import { createServer } from 'node:http';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi } from './server/api.mjs';
import { createPusher, loadVapidKeys } from './server/push.mjs';
import { serveBuiltApp } from './server/static.mjs';
import { openStore } from './server/store.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, 'dist');
const staticApp = serveBuiltApp(root);

/** The API's dependencies, read from (or created in) the data directory. */
export async function openApi({ dataDir = process.env.DEMO_DATA_DIR ?? join(here, '.data'), fresh = process.env.DEMO_FRESH === '1' } = {}) {
  if (fresh) await rm(dataDir, { recursive: true, force: true });
  const store = await openStore(dataDir);
  const pusher = createPusher({ keys: await loadVapidKeys(dataDir) });
  return createApi({ store, pusher });
}

/**
 * Starts the server; `serveApp: false` serves only the API (the dev server proxies to it). With
 * `anyPortIfBusy`, a port already in use gives way to a free one (the same store and API, opened once).
 * @param {{ port?: number; host?: string; serveApp?: boolean; dataDir?: string; anyPortIfBusy?: boolean }} [options]
 * @returns {Promise<{ server: import('node:http').Server; url: string }>}
 */
export async function startServer({ port = Number(process.env.PORT ?? 4173), host = process.env.HOST ?? '127.0.0.1', serveApp = true, dataDir, anyPortIfBusy = false } = {}) {
  const api = await openApi(dataDir ? { dataDir } : {});
  const server = createServer(async (req, res) => {
    try {
      if (await api(req, res)) return;
      if (serveApp) await staticApp(req, res);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  const listen = (/** @type {number} */ on) =>
    new Promise((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(on, host, () => {
        server.off('error', reject);
        const address = /** @type {import('node:net').AddressInfo} */ (server.address());
        resolveListen({ server, url: `http://${host}:${address.port}/` });
      });
    });
  try {
    return await listen(port);
  } catch (error) {
    if (!anyPortIfBusy || /** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE') throw error;
    return listen(0);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startServer();
  console.log(`bgkit inbox demo running at ${url}`);
}
