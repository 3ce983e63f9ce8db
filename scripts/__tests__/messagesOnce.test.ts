// Each error sentence is written once (#17): a sentence said in two places drifts, as the client's and the
// worker's copies of the task rules did. Sentences are development-only (`DEV ? '…' : ''`); one that more than
// one module says lives in @bgkit/protocol's MESSAGES.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { packageSourceFiles } from '../import-graph.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const LITERAL = String.raw`('(?:[^'\\]|\\.)*'|\`(?:[^\`\\]|\\.)*\`)`;
/** `DEV ? <sentence>` and `!DEV ? '' : <sentence>`, in code (comments left out). */
const SENTENCE = new RegExp(String.raw`(?:!DEV\s*\?\s*''\s*:\s*|(?<!!)DEV\s*\?\s*)` + LITERAL, 'g');

/** Every development-only sentence (a quoted or template literal), with where it is written. */
function devSentences(files: { path: string; code: string }[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { path, code } of files) {
    const bare = code.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    for (const [, text] of bare.matchAll(SENTENCE)) {
      if (text!.length > 2) found.set(text!, [...(found.get(text!) ?? []), path]);
    }
  }
  return found;
}

describe('error sentences', () => {
  it('finds a sentence written twice', () => {
    const twice = devSentences([
      { path: 'a.ts', code: "throw new BgkitError('x', DEV ? 'Said twice.' : '');" },
      { path: 'b.ts', code: "throw new BgkitError('x', DEV ? 'Said twice.' : ''); DEV ? `once ${a}` : ''" },
    ]);
    expect([...twice].filter(([, where]) => where.length > 1)).toEqual([["'Said twice.'", ['a.ts', 'b.ts']]]);
  });

  it('are each written once across the packages', () => {
    const files = (packageSourceFiles(root) as string[]).map((path) => ({ path: path.slice(root.length), code: readFileSync(path, 'utf8') }));
    const sentences = devSentences(files);
    expect(sentences.size).toBeGreaterThan(50);
    expect([...sentences].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
