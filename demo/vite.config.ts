// The inbox follows the README's "With Vite and vite-plugin-pwa" recipe through the shared preset
// (scripts/vite-preset.ts), plus its API server in dev mode.
import { defineConfig, type Plugin } from 'vite';
import { bgkitApp } from '../scripts/vite-preset';

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

export default defineConfig(({ mode }) =>
  bgkitApp({
    mode,
    vite: { plugins: [inboxApi()] },
    pwa: {
      injectManifest: {
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
      devOptions: { navigateFallback: 'index.html' },
    },
  }),
);
