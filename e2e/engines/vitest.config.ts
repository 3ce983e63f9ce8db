// The cross-engine suite (Firefox ESR and WebKitGTK): vitest in Node drives each browser (support/engine.ts).
// One file at a time: each launches a browser, and the machine's two cores are shared.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // @bgkit/devtools' driver (and the protocol) from their TypeScript source, as everywhere in the repository.
  resolve: { conditions: ['@bgkit/source'] },
  ssr: { resolve: { conditions: ['@bgkit/source'] } },
  test: {
    include: ['**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 90_000,
  },
});
