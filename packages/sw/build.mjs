import { buildPackage } from '../../scripts/build-package.mjs';

await buildPackage({
  dir: import.meta.dirname,
  entries: { index: 'src/index.ts', protocol: 'src/protocol.ts' },
  external: ['idb', 'workbox-background-sync'],
  iife: { entry: 'src/iife.ts', name: 'bgkitSwBundle', file: 'bgkit-sw' },
});
