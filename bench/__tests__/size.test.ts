// The size budgets, checked on every test run: bundle sizes are deterministic, so a change that breaks a
// budget fails here instead of showing up in the next bench table. Same entries and weighing as the bench.
import { mkdtempSync, rmSync } from 'node:fs';
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
