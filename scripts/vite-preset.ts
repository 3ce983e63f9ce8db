// The Vite setup the apps of this repository share (the inbox demo and the three e2e apps): the README's
// "With Vite and vite-plugin-pwa" recipe, plus what building from the workspace's TypeScript sources needs
// (the `@bgkit/source` condition and the __BGKIT_DEV__ define that the published builds have baked in).
import { defaultClientConditions, mergeConfig, type UserConfig } from 'vite';
import { VitePWA, type VitePWAOptions } from 'vite-plugin-pwa';

export interface BgkitAppOptions {
  /** Vite's mode: production builds minify the worker and compile the kit's development logs and prose out. */
  mode: string;
  /** vite-plugin-pwa options over the recipe's (the manifest; `injectManifest` and `devOptions` are merged). */
  pwa?: Partial<VitePWAOptions>;
  /** The rest of the app's Vite config (aliases, inputs, more plugins), merged over the preset. */
  vite?: UserConfig;
}

/** A PWA whose own service worker (`src/sw.ts`) runs bgkit, registered by the page. */
export function bgkitApp({ mode, pwa = {}, vite = {} }: BgkitAppOptions): UserConfig {
  const { injectManifest, devOptions, ...rest } = pwa;
  return mergeConfig(
    {
      resolve: {
        // Workspace packages resolve to their TypeScript source, so an app needs no package build first.
        conditions: ['@bgkit/source', ...defaultClientConditions],
      },
      define: { __BGKIT_DEV__: JSON.stringify(mode !== 'production') },
      build: { target: 'es2022' },
      plugins: [
        VitePWA({
          strategies: 'injectManifest',
          srcDir: 'src',
          filename: 'sw.ts',
          // The page registers the worker itself (registerSW(), or registerServiceWorker() from @bgkit/client/register).
          injectRegister: false,
          ...rest,
          injectManifest: { rollupFormat: 'iife', minify: mode === 'production', ...injectManifest },
          devOptions: { enabled: true, type: 'module', ...devOptions },
        }),
      ],
    } satisfies UserConfig,
    vite,
  );
}
