// Serves the built inbox app and its API on one local port and prints its URL. `PORT=0` picks a free port.
// The mailbox lives in `.data/` beside this file (DEMO_DATA_DIR to move it; DEMO_FRESH=1 starts it anew).
import { createServer } from 'node:http';
import { readFile, rm, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi } from './server/api.mjs';
import { createPusher, loadVapidKeys } from './server/push.mjs';
import { openStore } from './server/store.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

/** @param {string} pathname @returns {Promise<string | null>} */
async function fileFor(pathname) {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(root, safe);
  if (!candidate.startsWith(root)) return null;
  try {
    const info = await stat(candidate);
    if (info.isFile()) return candidate;
    if (info.isDirectory()) return fileFor(join(pathname, 'index.html'));
  } catch {}
  return null;
}

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
async function serveStatic(req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Unknown paths without an extension are app routes: serve the shell.
  const file = (await fileFor(url.pathname)) ?? (extname(url.pathname) ? null : join(root, 'index.html'));
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const body = await readFile(file);
  /** @type {Record<string, string>} */
  const headers = { 'content-type': TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream' };
  // The worker script and the shell must never be served stale, or updates never arrive.
  headers['cache-control'] = file.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, headers).end(body);
}

/** The API's dependencies, read from (or created in) the data directory. */
export async function openApi({ dataDir = process.env.DEMO_DATA_DIR ?? join(here, '.data'), fresh = process.env.DEMO_FRESH === '1' } = {}) {
  if (fresh) await rm(dataDir, { recursive: true, force: true });
  const store = await openStore(dataDir);
  const pusher = createPusher({ keys: await loadVapidKeys(dataDir) });
  return createApi({ store, pusher });
}

/**
 * Starts the server; `serveApp: false` serves only the API (the dev server proxies to it).
 * @param {{ port?: number; host?: string; serveApp?: boolean; dataDir?: string }} [options]
 * @returns {Promise<{ server: import('node:http').Server; url: string }>}
 */
export async function startServer({ port = Number(process.env.PORT ?? 4173), host = process.env.HOST ?? '127.0.0.1', serveApp = true, dataDir } = {}) {
  const api = await openApi(dataDir ? { dataDir } : {});
  const server = createServer(async (req, res) => {
    try {
      if (await api(req, res)) return;
      if (serveApp) await serveStatic(req, res);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolveListen({ server, url: `http://${host}:${address.port}/` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startServer();
  console.log(`bgkit inbox demo running at ${url}`);
}
