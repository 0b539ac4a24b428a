import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../helpers/operator-harness.ts';
import { FlatMapOperator, type FlatMapFunction } from '../../../runtime/operators/flat-map.ts';
import { RivuletError, StreamEnvironment } from '../../../runtime/index.ts';

const flatMapOf = (fn: FlatMapFunction<any, unknown>) => new OperatorHarness((ctx) => new FlatMapOperator(fn, ctx.out));

describe('FlatMapOperator', () => {
  it('emits the elements of the returned array, each with the timestamp, watermark and kind of its input row', () => {
    const h = flatMapOf((s: string) => s.split(' '));
    h.push(['a b', '', 'c'], { ts: [1, 2, 3], wm: [0, 1, 2], ops: ['+I', '+I', '-D'], wmEnd: 2 });
    expect(h.timedOutput()).toEqual([
      { op: '+I', row: 'a', ts: 1, wm: 0 },
      { op: '+I', row: 'b', ts: 1, wm: 0 },
      { op: '+I', row: '', ts: 2, wm: 1 },
      { op: '-D', row: 'c', ts: 3, wm: 2 },
    ]);
  });

  it('accepts rows pushed into the collector, as a Flink FlatMapFunction does', () => {
    const h = flatMapOf((n: number, out) => {
      for (let i = 0; i < n; i++) out.collect(`${n}.${i}`);
    });
    h.push([2, 0, 1], { ts: [10, 20, 30] });
    expect(h.timedOutput().map((c) => [c.row, c.ts])).toEqual([
      ['2.0', 10],
      ['2.1', 10],
      ['1.0', 30],
    ]);
  });

  it('accepts any iterable, such as a generator', () => {
    const h = flatMapOf(function* (n: number) {
      yield n;
      yield -n;
    });
    h.push([1, 2]);
    expect(h.outputRows()).toEqual([1, -1, 2, -2]);
  });

  it('carries the watermark when no row produces output', () => {
    const h = flatMapOf(() => []);
    h.push([1, 2], { wm: 9 });
    expect(h.outputRows()).toEqual([]);
    expect(h.main.watermarks()).toEqual([9]);
  });

  it('wraps a throwing function in USER_FUNCTION_FAILED naming flatMap', () => {
    const h = flatMapOf(() => {
      throw new Error('nope');
    });
    expect(() => h.push([7])).toThrow(RivuletError);
    try {
      h.push([7]);
    } catch (e) {
      expect((e as RivuletError).code).toBe('USER_FUNCTION_FAILED');
      expect((e as RivuletError).message).toMatch(/^The function passed to flatMap threw on record 7: nope /);
    }
  });

  it('splits sentences into words through the public API', async () => {
    const env = new StreamEnvironment();
    const words = await env.fromElements('to be', 'or not').flatMap((s) => s.split(' ')).collect();
    expect(words).toEqual(['to', 'be', 'or', 'not']);
  });
});
