// The call tables of the root README's "Expo apps" section and of this package's README: every export of the
// three Expo modules has a row, so a call added to a module cannot go undocumented in either.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as TaskManager from '../TaskManager.js';
import * as BackgroundTask from '../BackgroundTask.js';
import * as BackgroundFetch from '../BackgroundFetch.js';

const read = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');
const MODULES = { TaskManager, BackgroundTask, BackgroundFetch } as const;

/** The text of a `## title` section, up to the next section. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no section "${title}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The first table of a text: its rows as cells, the header and the separator left out. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows = [];
  for (let i = first + 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!.split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, '')));
  return rows;
}

/**
 * The calls a table's first column names: `Module.name` as written, and an unqualified name after it in the
 * same cell as of that module (`TaskManager.unregisterTaskAsync`, `unregisterAllTasksAsync`); an unqualified
 * name with no module before it stays bare (`BackgroundFetchResult`).
 */
function named(rows: string[][]): Set<string> {
  const names = new Set<string>();
  for (const [first = ''] of rows) {
    let module = '';
    for (const [, code] of first.matchAll(/`([^`]+)`/g)) {
      const name = code!.replace(/\(.*$/s, '');
      const dot = name.indexOf('.');
      if (dot > 0) {
        module = name.slice(0, dot);
        names.add(name);
      } else {
        names.add(name);
        if (module) names.add(`${module}.${name}`);
      }
    }
  }
  return names;
}

function undocumented(names: Set<string>): string[] {
  const missing = [];
  for (const [module, exports] of Object.entries(MODULES)) {
    for (const [name, value] of Object.entries(exports)) {
      // A function's name is shared between modules (registerTaskAsync): only `Module.name` says which one.
      // An enum's name is its own (BackgroundFetchStatus); its old alias (Status) is BackgroundFetch's only.
      const ok = names.has(`${module}.${name}`) || (typeof value !== 'function' && names.has(name));
      if (!ok) missing.push(`${module}.${name}`);
    }
  }
  return missing;
}

const rowOf = (rows: string[][], call: string) => rows.find(([first = '']) => first.startsWith(`\`${call}`));

describe("the READMEs' tables of Expo calls", () => {
  const root = section(read('README.md'), 'Expo apps');
  const rootRows = tableRows(root);
  const pkgRows = tableRows(section(read('packages/expo/README.md'), 'Each call and its web mapping'));

  it('has a row for every export of the three modules, in the root README and in the package README', () => {
    expect(undocumented(named(rootRows))).toEqual([]);
    expect(undocumented(named(pkgRows))).toEqual([]);
  });

  it('says why BackgroundFetch.getStatusAsync() is never Denied', () => {
    for (const rows of [rootRows, pkgRows]) expect(rowOf(rows, 'BackgroundFetch.getStatusAsync')?.[1]).toMatch(/never `Denied`/);
  });

  it("links the package README's full table from the paragraph that introduces the root table", () => {
    const beforeTable = root.slice(0, root.indexOf('\n|'));
    const intro = beforeTable.slice(beforeTable.lastIndexOf('\n\n'));
    expect(intro).toContain('](packages/expo/README.md');
  });
});
