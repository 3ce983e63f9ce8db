// The built e2e app on a fresh port per test (so each test has an origin of its own: its own worker,
// IndexedDB and permissions), with the app's small API (/api/outbox) and a kill switch: while `down`, every
// request's socket is destroyed, which is how the network fails for page and worker alike (network.test.ts,
// "a request that fails offline is queued and replayed on reconnect").
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
// The same static handler as e2e/app/server.mjs (the demo's), so the app is served as it is there.
// @ts-expect-error plain ESM helper without types
import { serveBuiltApp } from '../../../demo/server/static.mjs';

const dist = fileURLToPath(new URL('../../app/dist', import.meta.url));

export interface AppServer {
  origin: string;
  /** Bodies the app's outbox task POSTed to /api/outbox, in order. */
  outbox: unknown[];
  /** While true, every request fails at the socket, as a lost network does. */
  down: boolean;
  close(): Promise<void>;
}

export async function startAppServer(): Promise<AppServer> {
  const app = serveBuiltApp(dist) as (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>;
  const sockets = new Set<Socket>();
  const state: AppServer = { origin: '', outbox: [], down: false, close: async () => undefined };
  const server: Server = createServer(async (req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    try {
      if (req.url === '/api/outbox' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += String(chunk);
        state.outbox.push(JSON.parse(body || 'null'));
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
        return;
      }
      await app(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A kept-alive connection opened before the switch would otherwise still carry requests.
    if (state.down) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  state.origin = `http://127.0.0.1:${port}`;
  let down = false;
  Object.defineProperty(state, 'down', {
    get: () => down,
    set: (value: boolean) => {
      down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
  });
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
