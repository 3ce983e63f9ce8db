// Serves the built e2e app on one local port and prints its URL. `PORT=0` picks a free port.
import { fileURLToPath } from 'node:url';
import { serveBuilt } from '../serve-built.mjs';

const root = fileURLToPath(new URL('./dist', import.meta.url));

/**
 * `/bgf/slow.bin` promises a megabyte and sends one kilobyte, then nothing: a Background Fetch of it is still
 * running when a test aborts it (e2e/tests/background-fetch.spec.ts). The socket is closed after a minute.
 */
async function handle(req, res) {
  if (new URL(req.url, 'http://x').pathname !== '/bgf/slow.bin') return false;
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': 1_000_000 });
  res.write(Buffer.alloc(1000, 97));
  setTimeout(() => res.destroy(), 60_000).unref();
  return true;
}

export function startServer({ port = Number(process.env.PORT ?? 4173), host } = {}) {
  return serveBuilt(root, { port, host, handle });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startServer();
  console.log(`bgkit e2e app running at ${url}`);
}
