// Serves a built app folder on one local port with the demo's static file handler: the e2e apps are served
// as the demo is. `handle(req, res)` may answer a request first (and return true).
import { createServer } from 'node:http';
import { serveBuiltApp } from '../demo/server/static.mjs';

/**
 * @param {string} root the built app (its dist folder)
 * @param {{ port?: number, host?: string, handle?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean> }} options
 * @returns {Promise<{ server: import('node:http').Server, url: string }>}
 */
export function serveBuilt(root, { port = Number(process.env.PORT ?? 0), host = process.env.HOST ?? '127.0.0.1', handle } = {}) {
  const app = serveBuiltApp(root);
  const server = createServer(async (req, res) => {
    try {
      if (!(await handle?.(req, res))) await app(req, res);
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
