import { defineConfig, defaultClientConditions } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig(({ mode }) => ({
  resolve: {
    // Workspace packages resolve to their TypeScript source, so the app needs no package build first.
    conditions: ['@bgkit/source', ...defaultClientConditions],
  },
  define: {
    __BGKIT_DEV__: JSON.stringify(mode !== 'production'),
  },
  build: {
    target: 'es2022',
  },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // The page registers the worker with registerServiceWorker() from @bgkit/client/register (workbox-window).
      injectRegister: false,
      injectManifest: { injectionPoint: undefined, rollupFormat: 'iife', minify: mode === 'production' },
      manifest: {
        name: 'bgkit lab',
        short_name: 'bgkit lab',
        description: 'Background tasks for PWAs, the Windows way.',
        theme_color: '#3b5bdb',
        background_color: '#f8f9fb',
        display: 'standalone',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      devOptions: { enabled: true, type: 'module' },
    }),
  ],
}));
