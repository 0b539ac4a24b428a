import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../helpers/operator-harness.ts';
import { TakeOperator } from '../../../runtime/operators/take.ts';
import { RivuletError, StreamEnvironment } from '../../../runtime/index.ts';

const takeOf = (n: number) => new OperatorHarness((ctx) => new TakeOperator(n, ctx.out));

describe('TakeOperator', () => {
  it('passes the first n rows, then ends with the final watermark and ignores the rest', () => {
    const h = takeOf(3);
    h.push([1, 2], { wm: 5 });
    expect(h.ended).toBe(false);
    h.push([3, 4, 5], { ts: [30, 40, 50], wm: [6, 7, 8], ops: ['+I', '-U', '+U'] });
    expect(h.timedOutput()).toEqual([
      { op: '+I', row: 1, ts: null, wm: 5 },
      { op: '+I', row: 2, ts: null, wm: 5 },
      { op: '+I', row: 3, ts: 30, wm: 6 },
    ]);
    expect(h.ended).toBe(true);
    expect(h.main.watermarks()).toEqual([5, 8, Infinity]);
    h.push([6]);
    h.finish();
    expect(h.outputRows()).toEqual([1, 2, 3]);
    expect(h.problems).toEqual([]);
  });

  it('ends at once with take(0)', () => {
    const h = takeOf(0);
    h.push([1, 2]);
    expect(h.outputRows()).toEqual([]);
    expect(h.ended).toBe(true);
    expect(h.problems).toEqual([]);
  });

  it('ends once when the input ends before n rows arrived', () => {
    const h = takeOf(10);
    h.push([1]).finish();
    expect(h.outputRows()).toEqual([1]);
    expect(h.ended).toBe(true);
    expect(h.main.watermark).toBe(Infinity);
    expect(h.problems).toEqual([]);
  });

  it('bounds an unbounded generator so that collect() resolves', async () => {
    const env = new StreamEnvironment();
    const rows = await env.fromGenerator((i) => i * i).take(5).collect();
    expect(rows).toEqual([0, 1, 4, 9, 16]);
  });

  it('keeps the first rows in arrival order after a keyed, parallel step', async () => {
    const env = new StreamEnvironment({ parallelism: 4, batchSize: 1 });
    const rows = await env
      .fromGenerator((i) => ({ k: i % 7, i }))
      .keyBy('k')
      .map((r) => r.i)
      .take(6)
      .collect();
    expect(rows).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('rejects a negative or fractional n with BAD_TAKE', () => {
    const env = new StreamEnvironment();
    const s = env.fromElements(1);
    for (const n of [-1, 1.5, NaN, '3' as unknown as number]) {
      try {
        s.take(n);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RivuletError);
        expect((e as RivuletError).code).toBe('BAD_TAKE');
        expect((e as RivuletError).message).toContain('e.g. .take(100)');
      }
    }
  });
});
