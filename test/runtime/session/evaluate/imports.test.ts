import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CellEvaluator } from '../../../../runtime/session/evaluate/cell-evaluator.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rivulet-cell-imports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

describe('cell imports', () => {
  it('resolves an ESM-only package (exports with only an "import" condition) and its subpaths from cwd', async () => {
    write(
      'node_modules/esm-only/package.json',
      JSON.stringify({ name: 'esm-only', type: 'module', exports: { '.': { import: './main.js' }, './extra/*': { import: './lib/*.js' } } }),
    );
    write('node_modules/esm-only/main.js', 'export const kind = "esm"; export default 41;');
    write('node_modules/esm-only/lib/more.js', 'export const more = "more";');
    const ev = new CellEvaluator({ cwd: dir });
    await ev.evaluate("import answer, { kind } from 'esm-only'\nimport { more } from 'esm-only/extra/more'");
    expect((await ev.evaluate('[answer + 1, kind, more]')).value).toEqual([42, 'esm', 'more']);
  });

  it('resolves relative paths from cwd', async () => {
    write('local/helper.mjs', 'export const twice = (x) => x * 2;');
    const ev = new CellEvaluator({ cwd: dir });
    await ev.evaluate("import { twice } from './local/helper.mjs'");
    expect((await ev.evaluate('twice(21)')).value).toBe(42);
  });

  it('imports rivulet and an ESM package in plain Node with tsx, as the kernel and the REPL run', () => {
    const script = `
      import { CellEvaluator } from './runtime/session/evaluate/index.ts';
      const ev = new CellEvaluator();
      await ev.evaluate("import { StreamEnvironment } from 'rivulet'\\nimport { table } from 'arquero'\\nconst env = new StreamEnvironment()");
      const r = await ev.evaluate('await env.fromElements(1, 2, 3).map((x: number) => x * 2).collect()');
      const n = await ev.evaluate('table({ a: [1, 2] }).numRows()');
      console.log(JSON.stringify([r.value, n.value]));`;
    const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout.trim()).toBe('[[2,4,6],2]');
  });
});
