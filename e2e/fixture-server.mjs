// Serves e2e fixtures next to the packages' built files, for tests of what is published (dist/).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const workboxDir = dirname(require.resolve('workbox-window/package.json', { paths: [join(here, '../packages/client')] }));

const mounts = [
  ['/pkg/client/', join(here, '../packages/client/dist')],
  ['/pkg/sw/', join(here, '../packages/sw/dist')],
  ['/pkg/protocol/', join(here, '../packages/protocol/dist')],
  ['/pkg/devtools/', join(here, '../packages/devtools/dist')],
  ['/vendor/workbox-window.prod.mjs', join(workboxDir, 'build/workbox-window.prod.mjs')],
  ['/', join(here, 'fixtures/classic')],
];
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' };

// The classic worker carries a version comment; GET /__bump makes the next fetch of it a new version, as a
// deploy would (Playwright cannot route a worker's update check).
let version = 1;

createServer(async (req, res) => {
  const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
  if (path === '/__bump') {
    version++;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(String(version));
    return;
  }
  for (const [prefix, target] of mounts) {
    if (!path.startsWith(prefix)) continue;
    let file = prefix.endsWith('/') ? join(target, path.slice(prefix.length)) : target;
    if (file.endsWith('/') || path === '/') file = join(file, 'index.html');
    try {
      let body = await readFile(file);
      if (path === '/classic-sw.js') body = Buffer.concat([body, Buffer.from(`\n// version ${version}\n`)]);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
    return;
  }
  res.writeHead(404).end();
}).listen(Number(process.env.PORT), '127.0.0.1');
