// A Capacitor app's web build: Capacitor's plugin name aliased to bgkit's web implementation, the runner file
// bundled into the worker by the Vite plugin. The rest is the shared preset (scripts/vite-preset.ts).
import { defineConfig } from 'vite';
import { capacitorRunner } from '@bgkit/capacitor/vite';
import { bgkitApp } from '../../scripts/vite-preset';

export default defineConfig(({ mode }) =>
  bgkitApp({
    mode,
    vite: {
      resolve: { alias: [{ find: /^@capacitor\/background-runner$/, replacement: '@bgkit/capacitor/plugin' }] },
      // Relative to the app's folder, where its build script runs.
      build: { rolldownOptions: { input: { main: 'index.html', wired: 'wired.html' } } },
    },
    pwa: {
      // The worker is built apart: the runner plugin goes with it.
      injectManifest: { injectionPoint: undefined, minify: false, plugins: [capacitorRunner()] },
      manifest: {
        id: 'com.example.bgkit',
        name: 'bgkit Capacitor lab',
        short_name: 'Capacitor lab',
        theme_color: '#3b5bdb',
        background_color: '#f8f9fb',
        display: 'standalone',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
    },
  }),
);
