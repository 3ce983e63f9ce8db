import { buildPackage } from '../../scripts/build-package.mjs';

await buildPackage({
  dir: import.meta.dirname,
  entries: { index: 'src/index.ts', validate: 'src/validate.ts' },
  external: [],
});
