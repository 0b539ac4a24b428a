// notebooks/05-batch-with-duckdb.ipynb, run as one TypeScript program with tsx (the kernel that executes
// notebooks lives on its own): its code cells must run without error and print what their metadata expects.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import * as acorn from 'acorn';

function showLastExpression(ts: string): string {
  const js = transformSync(ts, { loader: 'ts', format: 'esm', tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } } }).code;
  const program = acorn.parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as unknown as {
    body: { type: string; start: number; end: number; expression?: { start: number; end: number } }[];
  };
  const last = program.body[program.body.length - 1];
  if (last?.type !== 'ExpressionStatement' || last.expression === undefined) return js;
  return `${js.slice(0, last.start)}__show(${js.slice(last.expression.start, last.expression.end)});${js.slice(last.end)}`;
}

const root = join(import.meta.dirname, '../../..');
const notebook = JSON.parse(readFileSync(join(root, 'notebooks/05-batch-with-duckdb.ipynb'), 'utf8')) as {
  cells: { cell_type: string; source: string[]; metadata: { rivulet?: { expect?: string[] } } }[];
};

describe('notebook 05 (batch with DuckDB)', () => {
  it('runs its code cells in order as one program and prints the expected lines', () => {
    const code = notebook.cells.filter((c) => c.cell_type === 'code');
    // Each cell's last expression (which the kernel shows) is printed instead, as text.
    const program = code.map((c) => showLastExpression(c.source.join(''))).join('\n');
    mkdirSync(join(root, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(root, 'tmp', 'nb05-'));
    const file = join(dir, 'notebook-05.mts');
    writeFileSync(file, program.replace(/from 'rivulet'/g, `from '${join(root, 'runtime/index.ts')}'`) + `\nfunction __show(v) { console.log(typeof v?.toHTML === 'function' || v?.constructor?.name === 'View' ? String(v.text?.() ?? v) : v) }\n`);
    let out: string;
    try {
      out = execFileSync(join(root, 'node_modules/.bin/tsx'), [file], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const cell of code) for (const s of cell.metadata.rivulet?.expect ?? []) if (s !== 'window') expect(out).toContain(s);
    expect(out).toContain('same rows: true');
  });
});
