import { describe, expect, it } from 'vitest';
import { CellEvaluator } from '../../../../runtime/session/evaluate/cell-evaluator.ts';
import { StreamEnvironment } from '../../../../runtime/index.ts';

describe('completion and inspection', () => {
  it('completes the members of a persisted value', async () => {
    const ev = new CellEvaluator({ context: { env: new StreamEnvironment() } });
    const code = 'const s = env.fro';
    const c = ev.complete(code, code.length);
    expect(c.matches).toEqual(expect.arrayContaining(['fromArray', 'fromElements', 'fromGenerator']));
    expect(c.matches.every((m) => m.startsWith('fro'))).toBe(true);
    expect([c.cursorStart, c.cursorEnd]).toEqual([code.length - 3, code.length]);
  });

  it('completes persisted names, globals and keywords', async () => {
    const ev = new CellEvaluator();
    await ev.evaluate('const totalPrice = 1\nfunction totalize() {}');
    const c = ev.complete('tota', 4);
    expect(c.matches).toEqual(['totalize', 'totalPrice']);
    expect(ev.complete('Mat', 3).matches).toContain('Math');
    expect(ev.complete('x.', 2).matches).toEqual([]);
    expect(ev.complete('f().a', 5).matches).toEqual([]);
  });

  it('completes members after optional chaining and with nothing typed yet', async () => {
    const ev = new CellEvaluator();
    await ev.evaluate('const o = { inner: { alpha: 1, beta: 2 } }');
    expect(ev.complete('o?.inner.', 9).matches).toEqual(['alpha', 'beta']);
  });

  it('describes a function, a class, an object and a primitive', async () => {
    const ev = new CellEvaluator({ context: { env: new StreamEnvironment() } });
    await ev.evaluate('const n = 42\nclass Base {}\nclass Point extends Base { constructor(public x: number) { super() } }\nconst p = new Point(3)\nasync function load(url: string, tries = 2) {}');
    expect(ev.inspect('env.fromElements(1)', 6)).toBe('env.fromElements: function fromElements(...items)');
    expect(ev.inspect('load', 2)).toBe('load: async function load(url, tries = 2)');
    expect(ev.inspect('Point', 5)).toBe('Point: class Point extends Base');
    expect(ev.inspect('p', 1)).toBe('p: Point\nPoint { x: 3 }');
    expect(ev.inspect('n + 1', 1)).toBe('n: number\n42');
    expect(ev.inspect('missing', 3)).toBeNull();
    expect(ev.inspect('env', 3)?.startsWith('env: StreamEnvironment\n')).toBe(true);
  });
});
