// Builds one workspace package: ESM (production and development), optional classic-script (IIFE) bundles,
// and type declarations. Each package's build.mjs calls buildPackage() with its entries and externals.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build as build_ } from 'vite';

const require = createRequire(import.meta.url);

/**
 * `development: false` builds the ESM entries once: for a package whose code does not differ between the two
 * (no `__BGKIT_DEV__` in it), a `development` export would only be a byte-identical copy.
 * @param {{ dir: string, entries: Record<string, string>, external: (string|RegExp)[], development?: boolean,
 *   iife?: { entry: string, name: string, file: string } }} pkg
 */
export async function buildPackage(pkg) {
  const dir = resolve(pkg.dir);
  rmSync(resolve(dir, 'dist'), { recursive: true, force: true });
  // Bundled dependencies (workbox) test process.env.NODE_ENV, which does not exist in a worker.
  const buildOnce = (dev, build) =>
    build_({ logLevel: 'warn', configFile: false, root: dir,
      define: { __BGKIT_DEV__: JSON.stringify(dev), 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
      build: { outDir: 'dist', emptyOutDir: false, target: 'es2022', ...build } });
  for (const dev of pkg.development === false ? [false] : [false, true]) {
    await buildOnce(dev, {
      minify: false,
      sourcemap: true,
      lib: { entry: pkg.entries, formats: ['es'], fileName: (_format, name) => (dev ? `${name}.dev.js` : `${name}.js`) },
      rolldownOptions: { external: pkg.external, output: { chunkFileNames: dev ? 'chunks/[name]-[hash].dev.js' : 'chunks/[name]-[hash].js' } },
    });
    if (pkg.iife) {
      const { entry, name, file } = pkg.iife;
      // Development keeps names and logs readable; production is minified and logs nothing.
      await buildOnce(dev, { minify: !dev, lib: { entry, formats: ['iife'], name, fileName: () => `${file}.${dev ? 'dev' : 'prod'}.js` } });
    }
  }
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', resolve(dir, 'tsconfig.build.json')], { stdio: 'inherit' });
}
