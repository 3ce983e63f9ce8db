// Serves the built Expo e2e app on one local port and prints its URL. `PORT=0` picks a free port.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveBuiltApp } from '../../demo/server/static.mjs';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), 'dist');
// The demo's static file handler: the two apps are served the same way.
const app = serveBuiltApp(root);

export function startServer({ port = Number(process.env.PORT ?? 4591), host = process.env.HOST ?? '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    try {
      await app(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolveListen({ server, url: `http://${host}:${address.port}/` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startServer();
  console.log(`bgkit Expo e2e app running at ${url}`);
}
