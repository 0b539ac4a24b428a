import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../helpers/operator-harness.ts';
import { FilterOperator } from '../../../runtime/operators/filter.ts';
import { RivuletError, StreamEnvironment } from '../../../runtime/index.ts';

const filterOf = (pred: (x: any) => unknown) => new OperatorHarness((ctx) => new FilterOperator(pred, ctx.out));

describe('FilterOperator', () => {
  it('keeps the rows for which the predicate holds, with their own timestamps, watermarks and kinds', () => {
    const h = filterOf((x: number) => x % 2 === 1);
    h.push([1, 2, 3, 4], { ts: [10, 20, 30, 40], wm: [0, 1, 2, 3], ops: ['+I', '-U', '+U', '-D'], wmEnd: 39 });
    expect(h.timedOutput()).toEqual([
      { op: '+I', row: 1, ts: 10, wm: 0 },
      { op: '+U', row: 3, ts: 30, wm: 2 },
    ]);
    expect(h.main.watermarks()).toEqual([39]);
  });

  it('treats the predicate result by truthiness', () => {
    const h = filterOf((x) => x);
    h.push([0, 1, '', 'a', null, undefined, [], {}]);
    expect(h.outputRows()).toEqual([1, 'a', [], {}]);
  });

  it('still carries the watermark when every row is dropped', () => {
    const h = filterOf(() => false);
    h.push([1, 2], { wm: 7 });
    expect(h.outputRows()).toEqual([]);
    expect(h.main.watermarks()).toEqual([7]);
  });

  it('wraps a throwing predicate in USER_FUNCTION_FAILED naming filter', () => {
    const h = filterOf((x: { a: { b: number } }) => x.a.b > 0);
    let error: unknown;
    try {
      h.push([{ a: { b: 1 } }, {}]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RivuletError);
    expect((error as RivuletError).code).toBe('USER_FUNCTION_FAILED');
    expect((error as RivuletError).message).toMatch(/^The function passed to filter threw on record \{\}: /);
  });

  it('filters a bounded stream through the public API', async () => {
    const env = new StreamEnvironment();
    expect(await env.fromArray([5, 12, 7, 30]).filter((x) => x > 6).collect()).toEqual([12, 7, 30]);
  });
});
