// The size budgets, checked on every test run: bundle sizes are deterministic, so a change that breaks a
// budget fails here instead of showing up in the next bench table. Same entries and weighing as the bench.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { SIZE_ENTRIES, weigh } from '../lib/size.mjs';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(join(tmpdir(), 'bgkit-size-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

interface Entry {
  key: string;
  label: string;
  target?: number;
  ceiling?: number;
}

describe('size budgets (production bundle, dependencies included, gzip -9)', () => {
  for (const entry of (SIZE_ENTRIES as Entry[]).filter((e) => e.target)) {
    const limit = entry.ceiling ?? entry.target!;
    const name = entry.ceiling
      ? `${entry.label} ≤ ${limit / 1000} KB (its ${entry.target! / 1000} KB target is not met yet: it must not grow meanwhile)`
      : `${entry.label} ≤ ${limit / 1000} KB`;
    it(name, async () => {
      const { main } = (await weigh(benchDir, outDir, entry)) as { main: { gzip: number } };
      expect(main.gzip).toBeLessThanOrEqual(limit);
    }, 60_000);
  }
});

describe('the "every export" entry', () => {
  // It names each export (so no namespace helper is weighed with it): a new export must join it, or the
  // budget would stop covering it.
  it('names every runtime export of @bgkit/client, and nothing else', async () => {
    const source = readFileSync(join(benchDir, 'size', 'client.ts'), 'utf8');
    const imported = /import \{([^}]*)\} from '@bgkit\/client'/.exec(source)![1]!.split(',').map((name) => name.trim()).filter(Boolean);
    const escaped = /__bench = \{([^}]*)\}/.exec(source)![1]!.split(',').map((name) => name.trim()).filter(Boolean);
    const exported = Object.keys(await import('@bgkit/client'));
    expect(imported.sort()).toEqual(exported.sort());
    expect(escaped.sort()).toEqual(exported.sort());
  });
});
