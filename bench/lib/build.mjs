// Vite builds of the bench apps and of the size entries, production-like: minified, __BGKIT_DEV__ false,
// workspace packages taken from their TypeScript source (the '@bgkit/source' condition), so no package
// build (which would write packages/*/dist) is needed first.
import { build, defaultClientConditions } from 'vite';
import { join } from 'node:path';

const quiet = { logLevel: 'warn' };

/**
 * bench/ is no workspace package, so Node-style lookup from its files finds neither @bgkit/* nor workbox-*.
 * They are resolved as if imported from inside node_modules/.pnpm, where pnpm links every installed package
 * (the workspace ones included), and Vite then applies the package's own exports and our conditions.
 */
function workspaceResolve(repo) {
  const importer = join(repo, 'node_modules/.pnpm/bench-importer.js');
  return {
    name: 'bench-workspace-resolve',
    enforce: 'pre',
    async resolveId(source, from, options) {
      if (!/^(@bgkit\/|workbox-)/.test(source)) return null;
      if (from && !from.startsWith(join(repo, 'bench'))) return null;
      return this.resolve(source, importer, { ...options, skipSelf: true });
    },
  };
}

function common(repo, root) {
  return {
    configFile: false,
    root,
    ...quiet,
    resolve: { conditions: ['@bgkit/source', ...defaultClientConditions] },
    define: { __BGKIT_DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
    plugins: [workspaceResolve(repo)],
  };
}

/** A bench app: index.html + main.ts as the page, sw.ts as a classic single-file worker beside it. */
export async function buildApp(repo, appDir, outDir) {
  await build({
    ...common(repo, appDir),
    base: './',
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: true, reportCompressedSize: false },
  });
  await build({
    ...common(repo, appDir),
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: { sw: join(appDir, 'sw.ts') },
        output: { format: 'iife', entryFileNames: 'sw.js' },
      },
    },
  });
}

/**
 * One size entry, bundled as an app bundles it (minified, tree-shaken, dependencies included, lazy
 * imports split into their own chunks). Returns the emitted chunks: the entry and whatever it loads lazily.
 */
export async function buildSizeEntry(repo, entry, outDir) {
  const output = await build({
    ...common(repo, join(repo, 'bench')),
    build: {
      outDir,
      emptyOutDir: true,
      write: true,
      target: 'es2022',
      minify: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      modulePreload: false,
      rolldownOptions: {
        input: { entry },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  return outputs
    .filter((o) => o.type === 'chunk')
    .map((c) => ({ fileName: c.fileName, isEntry: c.isEntry, isDynamicEntry: c.isDynamicEntry, code: c.code, modules: Object.keys(c.modules) }));
}
