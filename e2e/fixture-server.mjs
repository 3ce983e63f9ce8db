// Serves e2e fixtures next to the packages' built files, for tests of what is published (dist/).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const comlinkDir = dirname(require.resolve('comlink/package.json', { paths: [join(here, '../packages/client')] }));
const workboxDir = dirname(require.resolve('workbox-window/package.json', { paths: [join(here, '../packages/client')] }));

const mounts = [
  ['/pkg/client/', join(here, '../packages/client/dist')],
  ['/pkg/sw/', join(here, '../packages/sw/dist')],
  ['/vendor/comlink.mjs', join(comlinkDir, 'dist/esm/comlink.mjs')],
  ['/vendor/workbox-window.prod.mjs', join(workboxDir, 'build/workbox-window.prod.mjs')],
  ['/', join(here, 'fixtures/classic')],
];
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' };

createServer(async (req, res) => {
  const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
  for (const [prefix, target] of mounts) {
    if (!path.startsWith(prefix)) continue;
    let file = prefix.endsWith('/') ? join(target, path.slice(prefix.length)) : target;
    if (file.endsWith('/') || path === '/') file = join(file, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
    return;
  }
  res.writeHead(404).end();
}).listen(Number(process.env.PORT), '127.0.0.1');
