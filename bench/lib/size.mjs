// The size entries and how a bundle is weighed: shared by the bench (case 6, which prints them) and the
// unit test that holds the budgets (bench/__tests__/size.test.ts), so both weigh the same thing.
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { join } from 'node:path';
import { buildSizeEntry } from './build.mjs';

/**
 * `target`: the size the bundle should have, in gzip bytes (KB = 1000 bytes). `ceiling`: where a target is
 * still missed, the most it may weigh meanwhile, so that it cannot grow unnoticed (the test enforces
 * `ceiling ?? target`; the bench prints both).
 */
export const SIZE_ENTRIES = [
  { key: 'client', label: '@bgkit/client (every export)', target: 5000 },
  { key: 'client-typical', label: '@bgkit/client (quick-start imports)', target: 5000 },
  { key: 'client-register', label: '@bgkit/client/register (with workbox-window)' },
  // The request queue is opt-in (enableRequestQueue()) and brings workbox-background-sync, about 3 KB gzip
  // on its own: the budget is for the worker as most apps ship it, the row below.
  { key: 'sw', label: '@bgkit/sw (every export, with idb and workbox-background-sync)' },
  // The 10 KB target (#17; 8 KB before it) is missed (12.88 KB): bench/README.md says where the bytes go,
  // and what meeting it would cost. The ceiling, under 0.2% above today, keeps the worker from growing
  // unnoticed; it was raised on purpose, each time with its reasons in bench/README.md.
  { key: 'sw-core', label: '@bgkit/sw (no request queue, no devtools)', target: 10000, ceiling: 12900 },
  { key: 'workbox-window', label: 'workbox-window (every export)' },
  { key: 'workbox-background-sync', label: 'workbox-background-sync Queue' },
];

export function compressed(code) {
  const buf = Buffer.from(code);
  return {
    min: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  };
}

/**
 * One entry of bench/size bundled for production: its entry chunk weighed, and any lazy chunk beside it
 * (loaded only on demand, so never counted against a budget).
 */
export async function weigh(benchDir, outDir, entry) {
  const chunks = await buildSizeEntry(benchDir, join(benchDir, 'size', `${entry.key}.ts`), join(outDir, 'size', entry.key));
  const main = chunks.find((ch) => ch.isEntry);
  return {
    main: { ...entry, ...compressed(main.code), modules: main.modules.length },
    lazy: chunks.filter((ch) => !ch.isEntry).map((ch) => ({ fileName: ch.fileName, ...compressed(ch.code) })),
  };
}
