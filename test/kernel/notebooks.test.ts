import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { jupyterWorld, repoRoot, runProcess } from './jupyter-process.ts';
import { notebookProblems, type Notebook } from './notebook-checks.ts';

const notebooksDir = join(repoRoot, 'notebooks');
const notebooks = readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort();
const world = jupyterWorld();
afterAll(() => rmSync(world.prefix, { recursive: true, force: true }));

describe('the notebooks, executed by jupyter nbconvert on the Rivulet kernel', () => {
  it('finds the notebooks', () => {
    expect(world.install.code, world.install.stderr).toBe(0);
    expect(notebooks).toEqual(expect.arrayContaining(['01-first-stream.ipynb', '02-windows-and-watermarks.ipynb', '03-partitioning.ipynb']));
  });

  it.each(notebooks)('runs %s without errors and shows what its cells expect', async (file) => {
    const out = join(world.prefix, 'executed');
    const r = await runProcess(
      '/usr/bin/jupyter',
      ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.kernel_name=rivulet', '--ExecutePreprocessor.timeout=120', '--output-dir', out, join(notebooksDir, file)],
      { cwd: notebooksDir, env: world.env, timeoutMs: 180_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const nb = JSON.parse(readFileSync(join(out, file), 'utf8')) as Notebook;
    expect(notebookProblems(nb)).toEqual([]);
  }, 200_000);
});

describe('the notebook checks', () => {
  const cell = (outputs: unknown[], metadata: unknown = {}) => ({ cell_type: 'code', source: 'x', metadata, outputs });
  const nb = (cells: unknown[]): Notebook => ({ cells, metadata: { kernelspec: { name: 'rivulet' } } }) as Notebook;

  it('catch an error output, a missing table or chart, and a missing expected text', () => {
    expect(notebookProblems(nb([cell([{ output_type: 'error', ename: 'TypeError', evalue: 'boom' }])]))).toEqual(['cell 0 (x): error TypeError: boom']);
    expect(notebookProblems(nb([cell([{ output_type: 'display_data', data: { 'text/html': '<p>' } }], { tags: ['expect-table', 'expect-chart'] })]))).toEqual([
      'cell 0 (x): no HTML table',
      'cell 0 (x): no SVG chart',
    ]);
    expect(notebookProblems(nb([cell([{ output_type: 'stream', name: 'stdout', text: ['a', 'b'] }], { rivulet: { expect: ['ab', 'c'] } })]))).toEqual([
      'cell 0 (x): "c" not in its outputs',
    ]);
  });
});
