import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { CellEvaluator } from '../../../../runtime/session/evaluate/cell-evaluator.ts';
import { EvaluationError } from '../../../../runtime/session/evaluate/evaluation-error.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

async function failure(ev: CellEvaluator, code: string): Promise<EvaluationError> {
  try {
    await ev.evaluate(code, { cellId: 'c1' });
  } catch (e) {
    if (e instanceof EvaluationError) return e;
    throw e;
  }
  throw new Error('the cell did not fail');
}

describe('CellEvaluator', () => {
  it('keeps top-level const, let, function and class declarations across cells', async () => {
    const ev = new CellEvaluator();
    await ev.evaluate('const base: number = 10\nlet count = 0\nfunction bump(by: number) { count += by; return count }\nclass Box { constructor(readonly v: number) {} }');
    await ev.evaluate('bump(2); bump(3)');
    const r = await ev.evaluate('new Box(base + count).v');
    expect(r.value).toBe(15);
    expect(r.hasValue).toBe(true);
  });

  it('lets a later cell redeclare a const, and earlier closures see the new binding', async () => {
    const ev = new CellEvaluator();
    await ev.evaluate('const x = 1\nconst read = () => x');
    await ev.evaluate('const x = 2');
    expect((await ev.evaluate('read() + x')).value).toBe(4);
    await ev.evaluate('const x = 3');
    expect((await ev.evaluate('x')).value).toBe(3);
  });

  it('persists destructured names and enums', async () => {
    const ev = new CellEvaluator();
    await ev.evaluate('const [a, { b, ...rest }] = [1, { b: 2, c: 3 }]\nenum Color { Red, Green }');
    expect((await ev.evaluate('[a, b, rest.c, Color.Green]')).value).toEqual([1, 2, 3, 1]);
  });

  it('runs top-level await', async () => {
    const ev = new CellEvaluator();
    const r = await ev.evaluate('const v = await new Promise<number>((ok) => setTimeout(() => ok(7), 5))\nv * 6');
    expect(r.value).toBe(42);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('gives the last expression as the value, and none after a declaration or statement', async () => {
    const ev = new CellEvaluator();
    const expr = await ev.evaluate('1 + 1\n"last"');
    expect(expr).toMatchObject({ value: 'last', hasValue: true });
    const decl = await ev.evaluate('const y = 5');
    expect(decl).toMatchObject({ value: undefined, hasValue: false });
    const stmt = await ev.evaluate('if (y > 1) { y }');
    expect(stmt.hasValue).toBe(false);
  });

  it('gives a constant string expression as the value, although esbuild folds and drops it', async () => {
    const ev = new CellEvaluator();
    expect(await ev.evaluate("'a' + 'b'")).toMatchObject({ value: 'ab', hasValue: true });
    expect(await ev.evaluate("const z = 1;\n'x' + 'y' + 'z'")).toMatchObject({ value: 'xyz', hasValue: true });
    expect((await ev.evaluate("'q' + z")).value).toBe('q1');
  });

  it('starts with the names given as context, in the main realm', async () => {
    const ev = new CellEvaluator({ context: { seed: [1, 2] } });
    const r = await ev.evaluate('seed instanceof Array && Promise.resolve(1) instanceof Promise');
    expect(r.value).toBe(true);
    expect(ev.scope.seed).toEqual([1, 2]);
  });

  it('runs a cell whose types are wrong', async () => {
    const ev = new CellEvaluator();
    const r = await ev.evaluate("const n: number = 'a'\nn");
    expect(r.value).toBe('a');
  });

  it('imports node built-ins statically and dynamically', async () => {
    const ev = new CellEvaluator();
    await ev.evaluate("import { join } from 'node:path'\nimport * as os from 'node:os'\nimport fs from 'fs'");
    expect((await ev.evaluate("join('a', 'b')")).value).toBe('a/b');
    expect((await ev.evaluate('typeof os.cpus === "function" && typeof fs.readFileSync')).value).toBe('function');
    expect((await ev.evaluate("(await import('node:util')).format('%d!', 3)")).value).toBe('3!');
  });

  it('imports an ESM package from node_modules', async () => {
    const ev = new CellEvaluator({ cwd: repoRoot });
    await ev.evaluate("import * as aq from 'arquero'\nimport { table } from 'arquero'");
    const r = await ev.evaluate('table({ a: [1, 2, 3] }).rollup({ s: aq.op.sum("a") }).get("s", 0)');
    expect(r.value).toBe(6);
  });

  it('imports rivulet itself and runs a tiny pipeline', async () => {
    const ev = new CellEvaluator({ cwd: repoRoot });
    await ev.evaluate("import { StreamEnvironment } from 'rivulet'\nconst env = new StreamEnvironment()");
    const r = await ev.evaluate('await env.fromElements(1, 2, 3).map((x: number) => x * 2).collect()');
    expect(r.value).toEqual([2, 4, 6]);
  });

  it('says which module is missing when an import does not resolve', async () => {
    const ev = new CellEvaluator({ cwd: repoRoot });
    const e = await failure(ev, "\nimport nope from 'no-such-package-here'");
    expect(e.evalue).toMatch(/Cannot find module "no-such-package-here"/);
    expect(e.line).toBe(2);
  });

  it('reports a runtime throw at the cell line and column, with a stack trimmed to the cell', async () => {
    const ev = new CellEvaluator();
    const e = await failure(ev, "const a: number = 1\n\nfunction fail(why: string): never {\n  throw new TypeError(why)\n}\nconst z = 2; fail('boom')");
    expect(e.kind).toBe('runtime');
    expect(e.ename).toBe('TypeError');
    expect(e.evalue).toBe('boom');
    expect([e.line, e.column]).toEqual([4, 9]);
    expect(e.thrown).toBeInstanceOf(TypeError);
    const frames = (e.stack ?? '').split('\n').slice(1);
    expect(frames).toEqual(['    at fail (c1:4:9)', '    at c1:6:14']);
    expect(e.message).toBe('TypeError: boom (c1:4:9)');
  });

  it('points at the cell line of a function that threw inside a running stream', async () => {
    const ev = new CellEvaluator({ cwd: repoRoot });
    await ev.evaluate("import { StreamEnvironment } from 'rivulet'\nconst env = new StreamEnvironment()");
    const e = await failure(ev, "await env.fromElements(1, 2).map((x: number) => {\n  if (x > 1) throw new Error('in map')\n  return x\n}).collect()");
    expect(e.ename).toBe('RivuletError');
    expect(e.evalue).toContain('in map');
    expect([e.line, e.column]).toEqual([2, 20]);
    expect(e.stack).toContain('Caused by: Error: in map\n    at c1:2:20');
  });

  it('reports a thrown non-error and a rejected await', async () => {
    const ev = new CellEvaluator();
    const thrown = await failure(ev, "throw 'plain'");
    expect([thrown.ename, thrown.evalue]).toEqual(['Error', 'plain']);
    const rejected = await failure(ev, "\nawait Promise.reject(new RangeError('late'))");
    expect([rejected.ename, rejected.evalue, rejected.line]).toEqual(['RangeError', 'late', 2]);
  });

  it('reports a syntax error at the cell line and column, and runs nothing', async () => {
    const ev = new CellEvaluator();
    const e = await failure(ev, 'const ok = 1\nconst bad = 1 +* 2');
    expect(e.kind).toBe('syntax');
    expect(e.ename).toBe('SyntaxError');
    expect([e.line, e.column]).toEqual([2, 16]);
    expect(e.message).toContain('(c1:2:16)');
    expect('ok' in ev.scope).toBe(false);
  });

  it('keeps working after a failed cell', async () => {
    const ev = new CellEvaluator();
    await ev.evaluate('const keep = 1');
    await expect(ev.evaluate('null.x')).rejects.toBeInstanceOf(EvaluationError);
    expect((await ev.evaluate('keep + 1')).value).toBe(2);
  });
});
