// The empty stand-ins for `expo` and `react-native` (type-tests/peer-stubs) are sound only while no declaration
// the contract type test reads imports them: with skipLibCheck, an import of an empty package would quietly make
// Expo's types `any`, and every comparison of type-tests/contract.ts would hold. This walks each Expo package's
// declarations from its `types` entry, as the compiler does, and lists the packages they import.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const nodeModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const EXPO_PACKAGES = ['expo-task-manager', 'expo-background-task', 'expo-background-fetch'];
const PEERS = /^(expo|react-native)(\/|$)/;

/** The module specifiers of a declaration file, its comments (with their code examples) left out. */
function specifiers(file: string): string[] {
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/(?!\/ <reference).*$/gm, '');
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /<reference\s+types=['"]([^'"]+)['"]/g];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]!));
}

function resolveRelative(from: string, specifier: string): string {
  const base = join(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.d.ts`, join(base, 'index.d.ts')]) if (existsSync(candidate)) return candidate;
  throw new Error(`${relative(nodeModules, from)}: cannot resolve ${specifier}`);
}

/** Every declaration file reachable from the package's `types`, and the packages they import. */
function declarationGraph(pkg: string): { files: Set<string>; packages: Set<string> } {
  const root = join(nodeModules, pkg);
  const { types } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { types: string };
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [join(root, types)];
  while (pending.length) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of specifiers(file)) {
      if (specifier.startsWith('.')) pending.push(resolveRelative(file, specifier));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe("Expo's declarations and the peer stubs", () => {
  it('no declaration reachable from the packages\' types imports expo or react-native', () => {
    for (const pkg of EXPO_PACKAGES) {
      const { packages } = declarationGraph(pkg);
      expect([...packages].filter((p) => PEERS.test(p)), pkg).toEqual([]);
    }
  });

  it("the one declaration that imports expo is outside that graph (the README's exception)", () => {
    const importing: string[] = [];
    const reachable = new Set(EXPO_PACKAGES.flatMap((pkg) => [...declarationGraph(pkg).files]));
    for (const pkg of EXPO_PACKAGES) {
      const build = join(nodeModules, pkg, 'build');
      for (const name of readdirSync(build).filter((f) => f.endsWith('.d.ts'))) {
        const file = join(build, name);
        if (specifiers(file).some((s) => PEERS.test(s))) importing.push(`${relative(nodeModules, file)}${reachable.has(file) ? ' (reachable)' : ''}`);
      }
    }
    expect(importing).toEqual(['expo-background-task/build/ExpoBackgroundTaskModule.d.ts']);
  });
});
