// Builds @bgkit/devtools: the in-page panel with Vite (its UI a separate chunk, loaded on first open), the
// Playwright driver with tsc (it runs in Node), and the type declarations of both.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'vite';

const require = createRequire(import.meta.url);
const dir = import.meta.dirname;
rmSync(resolve(dir, 'dist'), { recursive: true, force: true });

await build({
  logLevel: 'warn',
  configFile: false,
  root: dir,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: { entry: { index: 'src/index.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    // The panel talks to the app's own copy of @bgkit/client (one connection, one registry per page).
    rolldownOptions: { external: [/^@bgkit\//], output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
  },
});

const tsc = require.resolve('typescript/bin/tsc');
for (const config of ['tsconfig.build.json', 'tsconfig.types.json']) {
  execFileSync(process.execPath, [tsc, '-p', resolve(dir, config)], { stdio: 'inherit' });
}
