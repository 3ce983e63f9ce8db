// The unit-test configuration (vitest). Workspace packages resolve to their TypeScript source.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@bgkit/source'] },
  ssr: { resolve: { conditions: ['@bgkit/source'] } },
  define: { __BGKIT_DEV__: 'false' },
  test: {
    include: ['packages/*/src/**/__tests__/**/*.test.ts', 'demo/server/__tests__/**/*.test.ts', 'bench/__tests__/**/*.test.ts', 'scripts/__tests__/**/*.test.ts'],
    environment: 'node',
  },
});
