// The closure check reads a function's source: what it declares itself, JavaScript globals and the Rivulet
// names workers provide are fine; anything else it reads is a captured variable, reported by name.
import { describe, expect, it } from 'vitest';
import { parseFunction } from '../../../../runtime/exec/threads/closure-check.ts';

declare const rivuletCellVariable: number;

const captured = (f: Function) => parseFunction(f)?.captured;

describe('the closure check', () => {
  it('accepts self-contained functions of every form', () => {
    expect(captured((r: { a: number }) => Math.max(r.a, 0))).toEqual([]);
    expect(captured(function named(this: unknown, x: number) { const { a, b = 2, ...rest } = { a: x, c: 1 }; try { return [a, b, rest, JSON.stringify(arguments)]; } catch (e) { return e; } })).toEqual([]);
    const o = { processElement(v: number[], out: { collect(x: number): void }) { for (const [i, x] of v.entries()) out.collect(i + x); } };
    expect(captured(o.processElement)).toEqual([]);
    expect(captured((r: { a: number }) => ({ a: r.a, label: `${r.a}` }))).toEqual([]);
  });

  it('names the variables a function captures', () => {
    const limit = 3;
    const names = ['x'];
    expect(captured((r: { a: number }) => r.a > limit)).toEqual(['limit']);
    expect(captured((r: { a: number }) => names.includes(String(r.a)) && r.a > limit)).toEqual(['names', 'limit']);
  });

  it('does not take a variable kept on the global object (as a notebook may) for a JavaScript global', () => {
    (globalThis as Record<string, unknown>).rivuletCellVariable = 1;
    try {
      expect(captured((r: number) => r + (globalThis as any).x + rivuletCellVariable)).toEqual(['rivuletCellVariable']);
    } finally {
      delete (globalThis as Record<string, unknown>).rivuletCellVariable;
    }
  });

  it('cannot read native functions', () => {
    expect(parseFunction(Math.max)).toBeNull();
    expect(parseFunction(((x: number) => x).bind(null))).toBeNull();
  });
});
