import { buildPackage } from '../../scripts/build-package.mjs';

await buildPackage({
  dir: import.meta.dirname,
  entries: { index: 'src/index.ts', devtools: 'src/devtools.ts', register: 'src/register.ts', 'background-fetch': 'src/background-fetch.ts' },
  external: ['workbox-window', /^@bgkit\/protocol/],
});
