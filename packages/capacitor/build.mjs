import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { buildPackage } from '../../scripts/build-package.mjs';

await buildPackage({
  dir: import.meta.dirname,
  entries: { index: 'src/index.ts', plugin: 'src/plugin.ts', sw: 'src/sw.ts', vite: 'src/vite.ts' },
  external: [/^@bgkit\//, 'idb', /^@capacitor\//, 'vite'],
});
// The worker entry is its own TypeScript program (the WebWorker lib, not the DOM's): its declarations too.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', resolve(import.meta.dirname, 'tsconfig.sw.build.json')], { stdio: 'inherit' });
