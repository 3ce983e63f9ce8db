// The unit-test configuration (vitest), type tests included. Workspace packages resolve to their TypeScript source.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@bgkit/source'] },
  ssr: { resolve: { conditions: ['@bgkit/source'] } },
  define: { __BGKIT_DEV__: 'false' },
  test: {
    include: ['packages/*/src/**/__tests__/**/*.test.ts', 'demo/server/__tests__/**/*.test.ts', 'bench/__tests__/**/*.test.ts', 'scripts/__tests__/**/*.test.ts'],
    environment: 'node',
    // The type tests: tsc checks them (never run) with tsconfig.test-d.json; each test in them is counted.
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/__tests__/**/*.test-d.ts'],
      tsconfig: './tsconfig.test-d.json',
    },
  },
});
