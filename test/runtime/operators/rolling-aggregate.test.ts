import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../helpers/operator-harness.ts';
import { aggregateFold } from '../../../runtime/operators/rolling-aggregate.ts';
import { RollingOperator } from '../../../runtime/operators/rolling-operator.ts';
import { AggregateSet, type AggregateSpec } from '../../../runtime/operators/aggregates/aggregate-set.ts';
import { agg, RivuletError, StreamEnvironment } from '../../../runtime/index.ts';

interface Sale {
  shop: string;
  amount: number;
}

function rolling(spec: AggregateSpec, timed = false) {
  const aggs = new AggregateSet(spec, new Set(['key', 'op']));
  return new OperatorHarness((ctx) => new RollingOperator((r: Sale) => r.shop, aggregateFold(aggs), ctx, timed));
}

const sales: Sale[] = [
  { shop: 'x', amount: 10 },
  { shop: 'y', amount: 1 },
  { shop: 'x', amount: 30 },
];

describe('RollingOperator with the aggregate fold', () => {
  it('emits { key, ...aggregates }: +I for the first record of a key, then -U old / +U new', () => {
    const h = rolling({ n: agg.count(), total: agg.sum('amount'), top: agg.max('amount'), mean: agg.avg('amount') });
    h.push(sales);
    expect(h.output()).toEqual([
      { op: '+I', row: { key: 'x', n: 1, total: 10, top: 10, mean: 10 } },
      { op: '+I', row: { key: 'y', n: 1, total: 1, top: 1, mean: 1 } },
      { op: '-U', row: { key: 'x', n: 1, total: 10, top: 10, mean: 10 } },
      { op: '+U', row: { key: 'x', n: 2, total: 40, top: 30, mean: 20 } },
    ]);
  });

  it('retracts exactly the row it emitted before, even when an accumulator is mutated in place', () => {
    const h = rolling({ all: agg.collect('amount'), seen: agg.distinct('amount') });
    h.push([sales[0], sales[2], sales[0]] as Sale[]);
    expect(h.output()).toEqual([
      { op: '+I', row: { key: 'x', all: [10], seen: [10] } },
      { op: '-U', row: { key: 'x', all: [10], seen: [10] } },
      { op: '+U', row: { key: 'x', all: [10, 30], seen: [10, 30] } },
      { op: '-U', row: { key: 'x', all: [10, 30], seen: [10, 30] } },
      { op: '+U', row: { key: 'x', all: [10, 30, 10], seen: [10, 30] } },
    ]);
  });

  it('stamps changes with the record timestamp and watermark on an event-time stream', () => {
    const h = rolling({ n: agg.count() }, true);
    h.push(sales, { ts: [5, 6, 7], wm: [0, 4, 5], wmEnd: 6 });
    expect(h.timedOutput().map((c) => [c.op, c.ts, c.wm])).toEqual([
      ['+I', 5, 0],
      ['+I', 6, 4],
      ['-U', 7, 5],
      ['+U', 7, 5],
    ]);
    expect(h.main.watermarks()).toEqual([6]);
  });

  it('wraps a throwing field function in USER_FUNCTION_FAILED naming aggregate', () => {
    const h = rolling({
      bad: agg.sum((r: Sale) => {
        if (r.amount > 20) throw new Error('too big');
        return r.amount;
      }),
    });
    try {
      h.push(sales);
      expect.unreachable();
    } catch (e) {
      expect((e as RivuletError).code).toBe('USER_FUNCTION_FAILED');
      expect((e as RivuletError).message).toMatch(/^The function passed to aggregate threw on record \{"shop":"x","amount":30\}: too big/);
    }
  });
});

describe('KeyedStream.aggregate (public API)', () => {
  const rows = [
    { k: 'a', v: 1 },
    { k: 'b', v: 2 },
    { k: 'a', v: 3 },
    { k: 'c', v: 4 },
    { k: 'b', v: 5 },
  ];

  it('collect() returns the final row of every key, in the order keys were first inserted', async () => {
    const env = new StreamEnvironment();
    const out = await env.fromArray(rows).keyBy('k').aggregate({ sum: agg.sum('v'), n: agg.count() }).collect();
    expect(out).toEqual([
      { key: 'a', sum: 4, n: 2 },
      { key: 'b', sum: 7, n: 2 },
      { key: 'c', sum: 4, n: 1 },
    ]);
  });

  it('changelog().collect() returns every change with its op', async () => {
    const env = new StreamEnvironment();
    const out = await env.fromArray(rows).keyBy('k').aggregate({ sum: agg.sum('v') }).changelog().collect();
    expect(out).toEqual([
      { op: '+I', key: 'a', sum: 1 },
      { op: '+I', key: 'b', sum: 2 },
      { op: '-U', key: 'a', sum: 1 },
      { op: '+U', key: 'a', sum: 4 },
      { op: '+I', key: 'c', sum: 4 },
      { op: '-U', key: 'b', sum: 2 },
      { op: '+U', key: 'b', sum: 7 },
    ]);
  });

  it('gives the same final contents at any parallelism', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ k: `k${i % 13}`, v: i }));
    const at1 = await new StreamEnvironment().fromArray(many).keyBy('k').aggregate({ s: agg.sum('v') }).collect();
    const at4 = await new StreamEnvironment({ parallelism: 4 }).fromArray(many).keyBy('k').aggregate({ s: agg.sum('v') }).collect();
    const byKey = (xs: { key: unknown }[]) => [...xs].sort((a, b) => String(a.key).localeCompare(String(b.key)));
    expect(byKey(at4)).toEqual(byKey(at1));
    expect(at1).toHaveLength(13);
  });

  it('rejects an aggregate named key or op with RESERVED_FIELD, and a non-aggregate with UNKNOWN_AGGREGATE', () => {
    const keyed = new StreamEnvironment().fromElements({ k: 1 }).keyBy('k');
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as RivuletError).code;
      }
      return 'no error';
    };
    expect(code(() => keyed.aggregate({ key: agg.count() }))).toBe('RESERVED_FIELD');
    expect(code(() => keyed.aggregate({ op: agg.count() }))).toBe('RESERVED_FIELD');
    expect(code(() => keyed.aggregate({ n: 'count' as never }))).toBe('UNKNOWN_AGGREGATE');
    expect(code(() => keyed.aggregate({}))).toBe('BAD_ARGUMENT');
  });
});
