// notebooks/04-replay-for-teaching.ipynb runs in the Rivulet kernel (the kernel's own test executes every
// notebook); this test runs the same code cells, in order, as one tsx script and checks that it succeeds and
// prints what each cell's "rivulet.expect" metadata says it prints.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
mkdirSync(join(root, 'tmp'), { recursive: true });
const dir = mkdtempSync(join(root, 'tmp', 'notebook-04-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Cell {
  cell_type: string;
  source: string | string[];
  metadata: { rivulet?: { expect?: string[] }; tags?: string[] };
}

describe('the replay-for-teaching notebook', () => {
  it('runs as a script and prints what its cells expect', async () => {
    const nb = JSON.parse(readFileSync(join(root, 'notebooks/04-replay-for-teaching.ipynb'), 'utf8')) as { cells: Cell[]; metadata: { kernelspec: { name: string } } };
    expect(nb.metadata.kernelspec.name).toBe('rivulet');
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    const text = (c: Cell): string => (Array.isArray(c.source) ? c.source.join('') : c.source);
    // Imports go first (a cell's imports are module-level in the kernel too).
    const lines = code.map(text).join('\n\n').split('\n');
    const script = [...lines.filter((l) => l.startsWith('import ')), ...lines.filter((l) => !l.startsWith('import '))].join('\n');
    const file = join(dir, 'notebook-04.ts');
    writeFileSync(file, `${script}\nexport {};\n`);
    const { stdout, code: exit, stderr } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', file], { cwd: root, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) =>
        resolve({ stdout: out, stderr: err, code: error ? ((error as { code?: number }).code ?? 1) : 0 }),
      );
    });
    expect(stderr).toBe('');
    expect(exit).toBe(0);
    for (const c of code) for (const s of c.metadata.rivulet?.expect ?? []) expect(stdout).toContain(s);
    expect(code.some((c) => c.metadata.tags?.includes('expect-chart'))).toBe(true);
  });
});
