import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../helpers/operator-harness.ts';
import { reduceFold } from '../../../runtime/operators/keyed-reduce.ts';
import { RollingOperator } from '../../../runtime/operators/rolling-operator.ts';
import { RivuletError, StreamEnvironment } from '../../../runtime/index.ts';

interface R {
  k: string;
  v: number;
}
const sum = (a: R, b: R): R => ({ k: a.k, v: a.v + b.v });

function reduceOf(key: (r: any) => unknown, fn: (a: any, b: any) => unknown, timed = true) {
  return new OperatorHarness((ctx) => new RollingOperator(key, reduceFold(fn), ctx, timed));
}

describe('RollingOperator with the reduce fold', () => {
  it('inserts the first record of a key, then retracts the previous value and emits the new one', () => {
    const h = reduceOf((r: R) => r.k, sum);
    h.push([
      { k: 'a', v: 1 },
      { k: 'b', v: 10 },
      { k: 'a', v: 2 },
      { k: 'a', v: 3 },
    ]);
    expect(h.output()).toEqual([
      { op: '+I', row: { k: 'a', v: 1 } },
      { op: '+I', row: { k: 'b', v: 10 } },
      { op: '-U', row: { k: 'a', v: 1 } },
      { op: '+U', row: { k: 'a', v: 3 } },
      { op: '-U', row: { k: 'a', v: 3 } },
      { op: '+U', row: { k: 'a', v: 6 } },
    ]);
  });

  it('keeps the running value in the partition state, across batches', () => {
    const h = reduceOf((r: R) => r.k, sum);
    h.push([{ k: 'a', v: 1 }]).push([{ k: 'a', v: 4 }]);
    expect((h.state.valueState('reduce').get('a') as { state: unknown } | undefined)?.state).toEqual({ k: 'a', v: 5 });
    expect(h.outputRows().at(-1)).toEqual({ k: 'a', v: 5 });
  });

  it('stamps each change with the timestamp and watermark of the record that caused it', () => {
    const h = reduceOf((r: R) => r.k, sum);
    h.push([{ k: 'a', v: 1 }, { k: 'a', v: 1 }], { ts: [10, 20], wm: [3, 9], wmEnd: 19 });
    expect(h.timedOutput().map((c) => [c.op, c.ts, c.wm])).toEqual([
      ['+I', 10, 3],
      ['-U', 20, 9],
      ['+U', 20, 9],
    ]);
    expect(h.main.watermarks()).toEqual([19]);
  });

  it('emits no timestamp or watermark columns for a stream without event time', () => {
    const h = reduceOf((r: R) => r.k, sum, false);
    h.push([{ k: 'a', v: 1 }]);
    expect(h.main.batches[0]).toMatchObject({ ts: null, wm: null, ops: null });
  });

  it('treats equal composite keys as one key', () => {
    const h = reduceOf((r: { a: string; b: number; v: number }) => [r.a, r.b], (x, y) => ({ ...x, v: x.v + y.v }));
    h.push([
      { a: 'x', b: 1, v: 1 },
      { a: 'x', b: 2, v: 1 },
      { a: 'x', b: 1, v: 5 },
    ]);
    expect(h.output().map((c) => [c.op, (c.row as { v: number }).v])).toEqual([
      ['+I', 1],
      ['+I', 1],
      ['-U', 1],
      ['+U', 6],
    ]);
  });

  it('keeps emitted values intact when the reducer mutates its first argument, as Flink reduce functions often do', () => {
    // Flink's own examples write `value1.f2 += value2.f2; return value1;`: safe there, because state and
    // records are copies. Emitted rows must not change after they were emitted, and -U must show the old value.
    const h = reduceOf(
      (r: [string, number]) => r[0],
      (v1: [string, number], v2: [string, number]) => {
        v1[1] += v2[1];
        return v1;
      },
    );
    const input: [string, number][] = [
      ['a', 1],
      ['a', 2],
      ['a', 3],
    ];
    for (const r of input) h.push([r]);
    expect(h.output()).toEqual([
      { op: '+I', row: ['a', 1] },
      { op: '-U', row: ['a', 1] },
      { op: '+U', row: ['a', 3] },
      { op: '-U', row: ['a', 3] },
      { op: '+U', row: ['a', 6] },
    ]);
    expect(input).toEqual([
      ['a', 1],
      ['a', 2],
      ['a', 3],
    ]);
  });

  it('wraps a throwing reducer in USER_FUNCTION_FAILED naming reduce', () => {
    const h = reduceOf((r: R) => r.k, () => {
      throw new Error('bad');
    });
    h.push([{ k: 'a', v: 1 }]);
    try {
      h.push([{ k: 'a', v: 2 }]);
      expect.unreachable();
    } catch (e) {
      expect((e as RivuletError).code).toBe('USER_FUNCTION_FAILED');
      expect((e as RivuletError).message).toMatch(/^The function passed to reduce threw on record \{"k":"a","v":2\}: bad /);
    }
  });
});

describe('KeyedStream.reduce and its shorthands (public API)', () => {
  const words = [
    ['to', 1],
    ['be', 1],
    ['to', 1],
    ['or', 1],
    ['to', 1],
  ] as [string, number][];

  it('keys by tuple position and sums a tuple field, as Flink word count does', async () => {
    const env = new StreamEnvironment({ parallelism: 3 });
    const counts = await env.fromArray(words).keyBy(0).sum(1).collect();
    expect(counts.sort()).toEqual([
      ['be', 1],
      ['or', 1],
      ['to', 3],
    ]);
  });

  it('keys by field name and by function with the same result', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const rows = words.map(([w, n]) => ({ w, n }));
    const byName = await env.fromArray(rows).keyBy('w').reduce((a, b) => ({ w: a.w, n: a.n + b.n })).collect();
    const byFn = await env.fromArray(rows).keyBy((r) => r.w).reduce((a, b) => ({ w: a.w, n: a.n + b.n })).collect();
    const sort = (xs: { w: string; n: number }[]) => [...xs].sort((x, y) => x.w.localeCompare(y.w));
    expect(sort(byName)).toEqual([
      { w: 'be', n: 1 },
      { w: 'or', n: 1 },
      { w: 'to', n: 3 },
    ]);
    expect(sort(byFn)).toEqual(sort(byName));
  });

  it('keys by a composite (array) key', async () => {
    const env = new StreamEnvironment({ parallelism: 4 });
    const rows = await env
      .fromElements({ a: 'x', b: 1, n: 1 }, { a: 'x', b: 2, n: 1 }, { a: 'x', b: 1, n: 1 }, { a: 'y', b: 1, n: 1 })
      .keyBy((r) => [r.a, r.b])
      .sum('n')
      .collect();
    expect(rows.map((r) => `${r.a}${r.b}=${r.n}`).sort()).toEqual(['x1=2', 'x2=1', 'y1=1']);
  });

  it('keeps the other fields of the first record in a rolling sum, as Flink does', async () => {
    // Flink's SumAggregator copies the running value (value1) and sets the summed field; ComparableAggregator
    // (min/max) keeps value1 too. Only minBy/maxBy return the record that holds the extreme value.
    const env = new StreamEnvironment();
    const rows: [string, string, number][] = [
      ['a', 'a1', 1],
      ['a', 'a2', 2],
      ['a', 'a8', 8],
    ];
    const sums = await env.fromArray(rows).keyBy(0).sum(2).changelog().collect();
    expect(sums.filter((r) => r.op !== '-U').map((r) => r.value)).toEqual([
      ['a', 'a1', 1],
      ['a', 'a1', 3],
      ['a', 'a1', 11],
    ]);
  });

  it('keeps the other fields of the first record in a rolling max, as Flink does', async () => {
    const env = new StreamEnvironment();
    const rows = [
      { k: 'a', tag: 'first', v: 5 },
      { k: 'a', tag: 'second', v: 9 },
      { k: 'a', tag: 'third', v: 7 },
    ];
    expect(await env.fromArray(rows).keyBy('k').max('v').collect()).toEqual([{ k: 'a', tag: 'first', v: 9 }]);
  });

  it('gives the same result when a job with a mutating reducer runs again', async () => {
    const env = new StreamEnvironment();
    const sums = env
      .fromArray<[string, number]>([
        ['a', 1],
        ['a', 2],
        ['a', 3],
      ])
      .keyBy(0)
      .reduce((v1, v2) => {
        v1[1] += v2[1];
        return v1;
      });
    expect(await sums.collect()).toEqual([['a', 6]]);
    expect(await sums.collect()).toEqual([['a', 6]]);
  });

  it('refuses a rolling reduce over a changelog with CHANGELOG_INPUT', () => {
    const env = new StreamEnvironment();
    const changelog = env.fromElements({ k: 'a', v: 1 }).keyBy('k').sum('v');
    try {
      changelog.keyBy('k').reduce((a) => a);
      expect.unreachable();
    } catch (e) {
      expect((e as RivuletError).code).toBe('CHANGELOG_INPUT');
      expect((e as RivuletError).message).toContain('.changelog()');
    }
  });
});
