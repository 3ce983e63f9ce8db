// Serves the built Capacitor test app on one local port and prints its URL. `PORT=0` picks a free port.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serveBuilt } from '../serve-built.mjs';

const root = fileURLToPath(new URL('./dist', import.meta.url));

/** The same worker, with a Content-Security-Policy that forbids eval: the runner given as source text cannot
 * be evaluated there, the one bundled by @bgkit/capacitor/vite runs. */
async function workerWithoutEval(req, res) {
  if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/sw-csp.js') return false;
  const body = await readFile(new URL('./dist/sw.js', import.meta.url));
  res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': "script-src 'self'" }).end(body);
  return true;
}

export function startServer({ port = Number(process.env.PORT ?? 4173), host } = {}) {
  return serveBuilt(root, { port, host, handle: workerWithoutEval });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startServer();
  console.log(`bgkit Capacitor test app running at ${url}`);
}
