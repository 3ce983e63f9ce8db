// Serves a built single-page app from a folder: files as they are, unknown extension-less paths as the shell.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

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

/**
 * A request handler for the app built into `root`.
 * @param {string} root
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function serveBuiltApp(root) {
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

  return async (req, res) => {
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
    // The worker script and the shell must never be served stale, or updates never arrive; hashed assets can.
    headers['cache-control'] = file.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, headers).end(body);
  };
}
