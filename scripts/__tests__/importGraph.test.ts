// No import cycles between the packages' modules (#17): a cycle ties modules together so that neither can be
// read, tested or bundled without the other, and the ones the review found dragged the validators into every
// page. Type-only imports count too.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs script without declarations
import { cycles, importGraph } from '../import-graph.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('import graph', () => {
  it('finds a cycle where there is one, and only there', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
      ['e', new Set(['e'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
  });

  it('resolves relative and @bgkit/* imports to the source files', () => {
    const graph: Map<string, Set<string>> = importGraph(root);
    const client = [...graph.keys()].find((f) => f.endsWith('packages/client/src/BackgroundTaskBuilder.ts'))!;
    const deps = [...graph.get(client)!].map((f) => f.slice(root.length));
    expect(deps).toContain('packages/protocol/src/index.ts');
    expect(deps).toContain('packages/client/src/BackgroundTaskRegistration.ts');
  });

  it('has no cycle between the modules of any package', () => {
    const found: string[][] = cycles(importGraph(root));
    expect(found.map((c) => c.map((f) => f.slice(root.length)))).toEqual([]);
  });
});
