// Serves the built Expo e2e app on one local port and prints its URL. `PORT=0` picks a free port.
import { fileURLToPath } from 'node:url';
import { serveBuilt } from '../serve-built.mjs';

const root = fileURLToPath(new URL('./dist', import.meta.url));

export function startServer({ port = Number(process.env.PORT ?? 4591), host } = {}) {
  return serveBuilt(root, { port, host });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startServer();
  console.log(`bgkit Expo e2e app running at ${url}`);
}
