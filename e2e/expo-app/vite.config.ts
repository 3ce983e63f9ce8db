// An Expo app's task code, built for the web: the three Expo packages are aliased to @bgkit/expo, so the
// app's `import * as TaskManager from 'expo-task-manager'` lines stay as they are. The rest is the shared
// preset (scripts/vite-preset.ts, the README's vite-plugin-pwa recipe).
import { defineConfig } from 'vite';
import { bgkitApp } from '../../scripts/vite-preset';

export default defineConfig(({ mode }) =>
  bgkitApp({
    mode,
    vite: {
      // vite-plugin-pwa builds the worker with this config's `resolve`: the worker gets the same aliases.
      resolve: {
        alias: {
          'expo-task-manager': '@bgkit/expo/task-manager',
          'expo-background-task': '@bgkit/expo/background-task',
          'expo-background-fetch': '@bgkit/expo/background-fetch',
        },
      },
    },
    pwa: {
      injectManifest: { injectionPoint: undefined },
      manifest: {
        name: 'bgkit Expo tasks',
        short_name: 'Expo tasks',
        description: "An Expo app's background tasks, on the web.",
        theme_color: '#3b5bdb',
        background_color: '#f8f9fb',
        display: 'standalone',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
    },
  }),
);
