import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../helpers/operator-harness.ts';
import { MapOperator } from '../../../runtime/operators/map.ts';
import { RivuletError, StreamEnvironment } from '../../../runtime/index.ts';

const mapOf = (fn: (x: any) => unknown) => new OperatorHarness((ctx) => new MapOperator(fn, ctx.out));

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('MapOperator', () => {
  it('emits one row per row and keeps timestamps, watermarks and changelog kinds aligned', () => {
    const h = mapOf((x: number) => x * 10);
    h.push([1, 2, 3], { ts: [100, 90, 120], wm: [5, 5, 89], ops: ['+I', '-U', '+U'], wmEnd: 119 });
    expect(h.timedOutput()).toEqual([
      { op: '+I', row: 10, ts: 100, wm: 5 },
      { op: '-U', row: 20, ts: 90, wm: 5 },
      { op: '+U', row: 30, ts: 120, wm: 89 },
    ]);
    expect(h.main.watermarks()).toEqual([119]);
  });

  it('forwards a watermark-only batch without calling the function', () => {
    let calls = 0;
    const h = mapOf((x) => (calls++, x));
    h.watermark(42);
    expect(calls).toBe(0);
    expect(h.main.batches).toHaveLength(1);
    expect(h.main.watermarks()).toEqual([42]);
  });

  it('forwards the idle flag', () => {
    const h = mapOf((x) => x);
    h.push([1], { idle: true });
    expect(h.main.idleBatches).toHaveLength(1);
  });

  it('wraps a throwing function in USER_FUNCTION_FAILED naming map and the record', () => {
    const boom = new Error('boom');
    const h = mapOf((x: number) => {
      if (x === 2) throw boom;
      return x;
    });
    const e = thrown(() => h.push([1, 2, 3])) as RivuletError;
    expect(e).toBeInstanceOf(RivuletError);
    expect(e.code).toBe('USER_FUNCTION_FAILED');
    expect(e.message).toBe(
      'The function passed to map threw on record 2: boom Fix the function or filter such records out before this step; the job was stopped.',
    );
    expect((e as Error & { cause?: unknown }).cause).toBe(boom);
    expect(h.outputRows()).toEqual([]);
  });

  it('ends its output when finished', () => {
    const h = mapOf((x) => x);
    h.finish();
    expect(h.ended).toBe(true);
    expect(h.problems).toEqual([]);
  });

  it('maps a bounded stream through the public API', async () => {
    const env = new StreamEnvironment();
    const rows = await env.fromElements(1, 2, 3).map((x) => ({ x, sq: x * x })).collect();
    expect(rows).toEqual([
      { x: 1, sq: 1 },
      { x: 2, sq: 4 },
      { x: 3, sq: 9 },
    ]);
  });
});
