// Vite builds of the bench apps and of the size entries, production-like: minified, __BGKIT_DEV__ false,
// workspace packages taken from their TypeScript source (the '@bgkit/source' condition), so no package
// build (which would write packages/*/dist) is needed first. bench/ is a workspace package that depends on
// @bgkit/*, workbox-* and the tools, so ordinary Node-style resolution from its files finds them all.
import { build, defaultClientConditions, defaultServerConditions } from 'vite';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const quiet = { logLevel: 'warn' };

function common(root) {
  return {
    configFile: false,
    root,
    ...quiet,
    resolve: { conditions: ['@bgkit/source', ...defaultClientConditions] },
    define: { __BGKIT_DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
  };
}

/** A bench app: index.html + main.ts as the page, sw.ts as a classic single-file worker beside it. */
export async function buildApp(appDir, outDir) {
  await build({
    ...common(appDir),
    base: './',
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: true, reportCompressedSize: false },
  });
  await build({
    ...common(appDir),
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
export async function buildSizeEntry(benchDir, entry, outDir) {
  const output = await build({
    ...common(benchDir),
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

/**
 * `@bgkit/devtools/playwright` for this Node process, from the package's TypeScript source (its
 * '@bgkit/source' export): bundled by Vite into one ES module in `outDir` and imported from there. Node 20
 * cannot load .ts, and importing the package's default export would need `dist/`, built beforehand and
 * possibly stale; this way the driver is the working tree's, like the apps it measures. playwright-core and
 * dbus-next (an optional peer, loaded only by the notification server) stay external, resolved from bench/.
 */
export async function loadDevtools(benchDir, outDir) {
  const external = ['playwright-core', 'dbus-next', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
  await build({
    configFile: false,
    root: benchDir,
    ...quiet,
    ssr: { noExternal: [/^@bgkit\//], external: ['playwright-core', 'dbus-next'], resolve: { conditions: ['@bgkit/source', ...defaultServerConditions] } },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: { devtools: '@bgkit/devtools/playwright' },
        external,
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  return import(pathToFileURL(join(outDir, 'devtools.mjs')).href);
}
