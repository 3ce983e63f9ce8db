import { buildPackage } from '../../scripts/build-package.mjs';

await buildPackage({
  dir: import.meta.dirname,
  entries: { index: 'src/index.ts', protocol: 'src/protocol.ts' },
  // @bgkit/protocol stays a dependency of the ESM builds (one BgkitError class for the page and its bundler);
  // the classic importScripts() build carries it.
  external: ['idb', 'workbox-background-sync', /^@bgkit\/protocol/],
  iife: { entry: 'src/iife.ts', name: 'bgkitSwBundle', file: 'bgkit-sw' },
});
