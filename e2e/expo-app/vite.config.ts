// An Expo app's task code, built for the web: the three Expo packages are aliased to @bgkit/expo, so the
// app's `import * as TaskManager from 'expo-task-manager'` lines stay as they are.
import { defineConfig, defaultClientConditions } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig(({ mode }) => ({
  resolve: {
    // Workspace packages resolve to their TypeScript source, so the app needs no package build first.
    conditions: ['@bgkit/source', ...defaultClientConditions],
    alias: {
      'expo-task-manager': '@bgkit/expo/task-manager',
      'expo-background-task': '@bgkit/expo/background-task',
      'expo-background-fetch': '@bgkit/expo/background-fetch',
    },
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
      injectRegister: false,
      // vite-plugin-pwa builds the worker with this config's `resolve`: the worker gets the same aliases.
      injectManifest: { injectionPoint: undefined, rollupFormat: 'iife', minify: mode === 'production' },
      manifest: {
        name: 'bgkit Expo tasks',
        short_name: 'Expo tasks',
        description: "An Expo app's background tasks, on the web.",
        theme_color: '#3b5bdb',
        background_color: '#f8f9fb',
        display: 'standalone',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      devOptions: { enabled: true, type: 'module' },
    }),
  ],
}));
