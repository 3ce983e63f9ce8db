import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { publicPackages, tarballName } from '../../../../scripts/pack.mjs';

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

describe("the README's Install section", () => {
  it('installs the tarball of every public package under packages/', () => {
    const readme = read('README.md');
    const start = readme.indexOf('## Install\n');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    // `bgkit-{protocol,client,sw}-0.1.0.tgz` names three tarballs, as the shell expands it.
    const named = [...section.matchAll(/packages-dist\/(\S+\.tgz)/g)].flatMap(([, spec]) => {
      const braces = /\{([^}]+)\}/.exec(spec!);
      return braces ? braces[1]!.split(',').map((part) => spec!.replace(braces[0], part)) : [spec!];
    });
    const tarballs = (publicPackages() as { name: string; version: string }[]).map(({ name, version }) => tarballName(name, version) as string);
    expect(tarballs.length).toBeGreaterThan(0);
    expect([...new Set(named)].sort()).toEqual(tarballs.sort());
  });
});
