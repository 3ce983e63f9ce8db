import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');

describe('the README', () => {
  it("shows the driver's example test exactly as e2e/demo/readme-example.spec.ts runs it", () => {
    const readme = read('README.md');
    const start = readme.indexOf('// inbox.spec.ts\n');
    expect(start).toBeGreaterThan(0);
    const example = readme.slice(start + '// inbox.spec.ts\n'.length, readme.indexOf('```', start));
    const spec = read('e2e/demo/readme-example.spec.ts');
    expect(spec.slice(spec.indexOf('\n') + 1)).toBe(example);
  });
});
