import { defineConfig, defaultClientConditions, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** In `vite` dev mode, starts the inbox API server on a free port and proxies /api to it. */
function inboxApi(): Plugin {
  return {
    name: 'inbox-api',
    apply: 'serve',
    async config() {
      // @ts-expect-error -- a plain ES module without type declarations (checked in tsconfig.server.json).
      const { startServer } = (await import('./server.mjs')) as { startServer(o: object): Promise<{ url: string }> };
      const { url } = await startServer({ port: Number(process.env.DEMO_API_PORT ?? 0), serveApp: false });
      return { server: { proxy: { '/api': { target: url, changeOrigin: true } } } };
    },
  };
}

export default defineConfig(({ mode }) => ({
  resolve: {
    // Workspace packages resolve to their TypeScript source, so the demo needs no package build first.
    conditions: ['@bgkit/source', ...defaultClientConditions],
  },
  define: {
    __BGKIT_DEV__: JSON.stringify(mode !== 'production'),
  },
  build: {
    target: 'es2022',
  },
  plugins: [
    inboxApi(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // The page registers the worker with registerServiceWorker() from @bgkit/client/register (workbox-window).
      injectRegister: false,
      injectManifest: {
        rollupFormat: 'iife',
        minify: mode === 'production',
        // The app shell: everything the page needs to start offline.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      includeAssets: ['icon.svg'],
      manifest: {
        id: '/',
        name: 'Inbox',
        short_name: 'Inbox',
        description: 'A small offline-first inbox whose background work runs as bgkit tasks.',
        start_url: '/',
        scope: '/',
        theme_color: '#2f4bd1',
        background_color: '#f4f5f8',
        display: 'standalone',
        icons: [
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: true, type: 'module', navigateFallback: 'index.html' },
    }),
  ],
}));
