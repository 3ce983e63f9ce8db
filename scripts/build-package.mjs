// Builds one workspace package: ESM (production and development), optional classic-script (IIFE) bundles,
// and type declarations. Usage from a package folder: node ../../scripts/build-package.mjs <config.json>
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'vite';

const require = createRequire(import.meta.url);

/**
 * @param {{ dir: string, entries: Record<string, string>, external: (string|RegExp)[],
 *   iife?: { entry: string, name: string, file: string } }} pkg
 */
export async function buildPackage(pkg) {
  const dir = resolve(pkg.dir);
  rmSync(resolve(dir, 'dist'), { recursive: true, force: true });
  const quiet = { logLevel: 'warn', configFile: false, root: dir };
  for (const dev of [false, true]) {
    await build({
      ...quiet,
      define: { __BGKIT_DEV__: JSON.stringify(dev) },
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        minify: false,
        sourcemap: true,
        lib: { entry: pkg.entries, formats: ['es'], fileName: (_format, name) => (dev ? `${name}.dev.js` : `${name}.js`) },
        rolldownOptions: { external: pkg.external, output: { chunkFileNames: dev ? 'chunks/[name]-[hash].dev.js' : 'chunks/[name]-[hash].js' } },
      },
    });
  }
  if (pkg.iife) {
    for (const dev of [false, true]) {
      await build({
        ...quiet,
        define: { __BGKIT_DEV__: JSON.stringify(dev) },
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2022',
          minify: !dev,
          lib: { entry: pkg.iife.entry, formats: ['iife'], name: pkg.iife.name, fileName: () => `${pkg.iife.file}.${dev ? 'dev' : 'prod'}.js` },
        },
      });
    }
  }
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', resolve(dir, 'tsconfig.build.json')], { stdio: 'inherit' });
}
