// `npm run pack [-- --out <folder>]`: builds every public package of packages/ and packs each into one
// folder (default `packages-dist/`), as `pnpm pack` does for a publish: `workspace:` ranges become versions.
// Install them into an app with `npm install ./packages-dist/*.tgz` (see the README's "Install" section).
// scripts/test.mjs uses packAll() to check each tarball with publint and are-the-types-wrong.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { install, pnpm, root } from './bootstrap.mjs';

/** The public (not private) packages under packages/, as `{ dir, name, version }`. */
export function publicPackages() {
  const base = join(root, 'packages');
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = join(base, entry.name);
      try {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        return manifest.private ? undefined : { dir, name: manifest.name, version: manifest.version };
      } catch {
        return undefined;
      }
    })
    .filter(Boolean)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Packs every public package (already built) into `outDir`, emptied first; returns the tarballs' paths.
 * @param {string} outDir
 */
/** How pnpm pack names a package's tarball: @scope/name@1.0.0 → scope-name-1.0.0.tgz. */
export function tarballName(name, version) {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

export function packAll(outDir, { stdio = 'inherit' } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  return publicPackages().map(({ dir, name, version }) => {
    pnpm(['-C', dir, 'pack', '--pack-destination', outDir], { stdio });
    return { name, file: join(outDir, tarballName(name, version)) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--out');
  const outDir = resolve(at > 0 && process.argv[at + 1] ? process.argv[at + 1] : join(root, 'packages-dist'));
  install();
  console.log('› building the packages');
  pnpm(['-r', '--filter', './packages/*', 'run', 'build']);
  console.log(`› packing into ${outDir}`);
  const tarballs = packAll(outDir, { stdio: ['ignore', 'ignore', 'inherit'] });
  for (const { file } of tarballs) console.log(`  ${file}`);
}
