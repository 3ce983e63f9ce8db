// The kit's own test app: the shared preset (scripts/vite-preset.ts, the README's vite-plugin-pwa recipe).
import { defineConfig } from 'vite';
import { bgkitApp } from '../../scripts/vite-preset';

export default defineConfig(({ mode }) =>
  bgkitApp({
    mode,
    pwa: {
      // This app precaches nothing: its worker has no injection point.
      injectManifest: { injectionPoint: undefined },
      manifest: {
        name: 'bgkit lab',
        short_name: 'bgkit lab',
        description: 'Background tasks for PWAs, the Windows way.',
        theme_color: '#3b5bdb',
        background_color: '#f8f9fb',
        display: 'standalone',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
    },
  }),
);
