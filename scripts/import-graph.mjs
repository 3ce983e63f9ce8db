// The import graph of the packages' source, and the cycles in it. Every `import`/`export … from` counts,
// type-only ones included: a cycle through a type still ties two modules together for a reader and a
// refactor (the #17 review found one through SystemCondition → BackgroundTaskBuilder for a single type).
// `@bgkit/*` specifiers resolve through each package's '@bgkit/source' export, as the bundlers here do.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]/g;

/** The TypeScript source files under `dir`: no tests, no declarations, no node_modules. */
export function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' || name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.d\.ts$|\.test(-d)?\.ts$/.test(name) ? [path] : [];
  });
}

function packageSources(root) {
  const map = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const pkgFile = join(root, 'packages', dir, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
      const source = typeof target === 'object' && target ? target['@bgkit/source'] : undefined;
      if (source) map.set(pkg.name + sub.slice(1), resolve(root, 'packages', dir, source));
    }
  }
  return map;
}

/** Every source file of every package (packages/*\/src). */
export function packageSourceFiles(root) {
  return readdirSync(join(root, 'packages'))
    .map((dir) => join(root, 'packages', dir, 'src'))
    .filter((src) => existsSync(src))
    .flatMap(sourceFiles);
}

/** Every module of packages/*\/src → the modules it imports (package-local and other @bgkit packages). */
export function importGraph(root) {
  const packages = packageSources(root);
  const graph = new Map();
  for (const file of packageSourceFiles(root)) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const deps = new Set();
    for (const [, spec] of code.matchAll(SPECIFIER)) {
      let target;
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec).replace(/\.js$/, '');
        target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(existsSync);
      } else target = packages.get(spec);
      if (target) deps.add(target);
    }
    graph.set(file, deps);
  }
  return graph;
}

/** The strongly connected components with more than one module (or a module importing itself): Tarjan. */
export function cycles(graph) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const found = [];
  const visit = (node) => {
    const me = { index, low: index, onStack: true };
    index++;
    info.set(node, me);
    stack.push(node);
    for (const dep of graph.get(node) ?? []) {
      if (!graph.has(dep)) continue;
      const seen = info.get(dep);
      if (!seen) {
        visit(dep);
        me.low = Math.min(me.low, info.get(dep).low);
      } else if (seen.onStack) me.low = Math.min(me.low, seen.index);
    }
    if (me.low === me.index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        info.get(member).onStack = false;
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!info.has(node)) visit(node);
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
  const found = cycles(importGraph(root));
  for (const c of found) console.log(c.map((f) => relative(root, f)).join('\n  ↔ ') + '\n');
  console.log(`${found.length} import cycle(s)`);
  process.exit(found.length ? 1 : 0);
}
