// collect({ engine }) and explain({ engine: 'duckdb' }) on whole pipelines: each translation (sources, filter,
// map, keyBy, windows, rolling aggregates, late data, file sources with dead letters, recordings) gives the
// streaming engine's rows, and each untranslatable step is refused with a RivuletError naming it.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamEnvironment, Windows, agg, RivuletError } from '../../../runtime/index.ts';
import { rejection, error } from '../../helpers/rivulet-errors.ts';

const FILES = join(import.meta.dirname, '../../fixtures/files');
const sales = Array.from({ length: 40 }, (_, i) => ({ id: i, shop: ['a', 'b', 'c'][i % 3] as string, amount: (i * 37) % 50, ts: i * 250 - (i % 7 === 6 ? 4000 : (i % 5) * 300) }));

describe('collect on DuckDB gives the streaming engine\'s rows', () => {
  it('gives first and last the first and last rows\' values even when those are null', async () => {
    const env = new StreamEnvironment();
    const rows = [
      { k: 'a', v: null, ts: 1 },
      { k: 'a', v: 2, ts: 2 },
      { k: 'b', v: 3, ts: 3 },
      { k: 'b', v: null, ts: 4 },
    ];
    const s = env.fromArray(rows).withWatermarks({ timestamp: 'ts' }).keyBy('k').window(Windows.tumbling(10)).aggregate({ first: agg.first('v'), last: agg.last('v') });
    const streaming = await s.collect();
    expect(streaming).toEqual([
      { key: 'a', windowStart: 0, windowEnd: 10, first: null, last: 2 },
      { key: 'b', windowStart: 0, windowEnd: 10, first: 3, last: null },
    ]);
    expect(await s.collect({ engine: 'duckdb' })).toEqual(streaming);
  });

  it('takes event time from a function returning Dates, and refuses a timestamp that is not a time as the streaming engine does', async () => {
    const env = new StreamEnvironment();
    const byDate = env
      .fromArray(sales)
      .withWatermarks({ timestamp: (r) => new Date(r.ts + 1_000_000), maxOutOfOrderness: 500 })
      .keyBy('shop')
      .window(Windows.tumbling(2_000))
      .aggregate({ n: agg.count(), total: agg.sum('amount') });
    const sorted = (rows: unknown[]): string[] => rows.map((r) => JSON.stringify(r)).sort();
    expect(sorted(await byDate.collect({ engine: 'duckdb' }))).toEqual(sorted(await byDate.collect()));

    const bad = [...sales.slice(0, 5), { ...sales[5], ts: Number.NaN }, ...sales.slice(6)];
    const broken = env.fromArray(bad).withWatermarks({ timestamp: 'ts' }).keyBy('shop').window(Windows.tumbling(2_000)).aggregate({ n: agg.count() });
    const streaming = await rejection(broken.collect());
    const batch = await rejection(broken.collect({ engine: 'duckdb' }));
    expect(streaming.code).toBe('BAD_TIMESTAMP');
    expect(batch.code).toBe('BAD_TIMESTAMP');
  });

  it('loads number fields that are missing, null or nested in some rows as the streaming engine reads them', async () => {
    const env = new StreamEnvironment();
    const rows = Array.from({ length: 5000 }, (_, id) => ({
      id,
      ...(id % 997 === 5 ? {} : { amount: id * 0.5 }),
      cents: id % 1300 === 7 ? null : id * 50,
      item: { price: id % 3, ...(id === 4321 ? {} : { qty: id % 11 }) },
    }));
    const s = env.fromArray(rows).filter((r) => r.id % 2 === 1);
    expect(await s.collect({ engine: 'duckdb' })).toEqual(await s.collect());
    // A field null in some rows and missing in others cannot come back as both: refused, and 'auto' falls back.
    const both = [...rows.slice(0, 10), { id: 10, amount: null, item: { price: 1, qty: 1 } }];
    const refused = env.fromArray(both).filter((r) => r.id >= 0);
    expect(error(() => refused.explain({ engine: 'duckdb' })).message).toContain('field "amount" is null in some rows and missing in others');
    expect(await refused.collect({ engine: 'auto' })).toEqual(both);
  });

  it('runs filter and map over fromArray in arrival order', async () => {
    const env = new StreamEnvironment();
    const s = env.fromArray(sales).filter((r) => r.amount > 10).map((r) => ({ id: r.id, cents: r.amount * 100, shop: r.shop.toUpperCase() }));
    expect(await s.collect({ engine: 'duckdb' })).toEqual(await s.collect());
  });

  it('runs fromElements of plain values and maps to plain values', async () => {
    const env = new StreamEnvironment();
    const s = env.fromElements(3, 1, 4, 1, 5, 9, 2, 6).filter((x) => x % 2 === 1).map((x) => x * 10);
    expect(await s.collect({ engine: 'duckdb' })).toEqual([30, 10, 10, 50, 90]);
  });

  it('runs a bounded generator', async () => {
    const env = new StreamEnvironment();
    const s = env.fromGenerator((i) => ({ n: i, sq: i * i }), { count: 20 }).filter((r) => r.sq % 3 === 0);
    expect(await s.collect({ engine: 'duckdb' })).toEqual(await s.collect());
  });

  it('runs a tumbling window with allowed lateness and its late output', async () => {
    const env = new StreamEnvironment();
    const w = env
      .fromArray(sales)
      .withWatermarks({ timestamp: (r) => r.ts, maxOutOfOrderness: 200 })
      .keyBy('shop')
      .window(Windows.tumbling(2000))
      .allowedLateness(500)
      .aggregate({ n: agg.count(), total: agg.sum('amount'), avg: agg.avg('amount'), ids: agg.collect('id'), firstId: agg.first('id') });
    const sort = (rows: unknown[]): string[] => rows.map((r) => JSON.stringify(r)).sort();
    expect(sort(await w.collect({ engine: 'duckdb' }))).toEqual(sort(await w.collect()));
    const late = await w.lateOutput().collect();
    expect(late.length).toBeGreaterThan(0);
    expect(await w.lateOutput().collect({ engine: 'duckdb' })).toEqual(late);
  });

  it('runs windowAll sliding windows and session windows', async () => {
    const env = new StreamEnvironment();
    const timed = env.fromArray(sales).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: 300 });
    const sort = (rows: unknown[]): string[] => rows.map((r) => JSON.stringify(r)).sort();
    const all = timed.windowAll(Windows.sliding(3000, 1000)).aggregate({ n: agg.count(), top: agg.max('amount') });
    expect(sort(await all.collect({ engine: 'duckdb' }))).toEqual(sort(await all.collect()));
    const sessions = timed.keyBy((r) => r.shop).window(Windows.session(400)).aggregate({ n: agg.count(), last: agg.last('id') });
    expect(sort(await sessions.collect({ engine: 'duckdb' }))).toEqual(sort(await sessions.collect()));
  });

  it('runs a rolling keyed aggregate: one final row per key in first-seen order', async () => {
    const env = new StreamEnvironment();
    const s = env.fromArray(sales).keyBy((r) => r.shop).aggregate({ n: agg.count(), low: agg.min('amount'), distinct: agg.countDistinct('amount') });
    expect(await s.collect({ engine: 'duckdb' })).toEqual(await s.collect());
  });

  it('sums non-integers in arrival order, so floating-point sums and averages are equal too', async () => {
    const env = new StreamEnvironment();
    const rows = Array.from({ length: 3000 }, (_, i) => ({ k: i % 3, x: Math.sin(i) * 1e6 + 0.1 }));
    const s = env.fromArray(rows).keyBy('k').aggregate({ s: agg.sum('x'), a: agg.avg('x'), s3: agg.sum((r) => r.x * 3) });
    expect(await s.collect({ engine: 'duckdb' })).toEqual(await s.collect());
  });

  it('reads CSV files with the same rows and the same dead letters', async () => {
    const env = new StreamEnvironment();
    const csv = env.fromCsv(join(FILES, 'malformed.csv'));
    expect(await csv.collect({ engine: 'duckdb' })).toEqual(await csv.collect());
    expect(await csv.deadLetters().collect({ engine: 'duckdb' })).toEqual(await csv.deadLetters().collect());
  });

  it('reads a recording with its nested records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rivulet-batch-'));
    const path = join(dir, 'orders.jsonl');
    const env = new StreamEnvironment();
    const orders = sales.map((s) => ({ id: s.id, ts: s.ts, item: { shop: s.shop, amount: s.amount } }));
    env.fromArray(orders).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: 300 }).record(path);
    await env.execute('record');
    const replay = new StreamEnvironment();
    const r = replay.fromRecording(path, { speed: Infinity });
    expect(await r.collect({ engine: 'duckdb' })).toEqual(await r.collect());
    const big = r.filter((o) => (o as (typeof orders)[number]).item.amount > 20);
    expect(await big.collect({ engine: 'duckdb' })).toEqual(await big.collect());
  });
});

describe('untranslatable steps are refused, or run on the streaming engine with auto', () => {
  it('refuses a lambda that uses an outer variable, naming the step, its source and the reason', async () => {
    const env = new StreamEnvironment();
    const limit = 10;
    const s = env.fromArray(sales).filter((r) => r.amount > limit);
    const e = await rejection(s.collect({ engine: 'duckdb' }));
    expect(e.code).toBe('BATCH_UNTRANSLATABLE');
    expect(e.message).toContain('"filter"');
    expect(e.message).toContain('r.amount > limit');
    expect(e.message).toContain('`limit`, a variable outside the function');
  });

  it('refuses flatMap, window reduce and custom aggregate functions', async () => {
    const env = new StreamEnvironment();
    const timed = env.fromArray(sales).withWatermarks({ timestamp: 'ts' });
    const custom = { createAccumulator: () => 0, add: (_v: unknown, a: number) => a + 1, merge: (a: number, b: number) => a + b, result: (a: number) => a };
    const cases: [Promise<unknown>, RegExp][] = [
      [env.fromArray(sales).flatMap((r) => [r, r]).collect({ engine: 'duckdb' }), /flatMap is not translated/],
      [timed.keyBy('shop').window(Windows.tumbling(1000)).reduce((a, b) => (a.amount > b.amount ? a : b)).collect({ engine: 'duckdb' }), /window reduce/],
      [timed.keyBy('shop').window(Windows.tumbling(1000)).aggregate({ c: custom }).collect({ engine: 'duckdb' }), /custom AggregateFunction/],
    ];
    for (const [p, reason] of cases) {
      const e = await rejection(p);
      expect(e.code).toBe('BATCH_UNTRANSLATABLE');
      expect(e.message).toMatch(reason);
    }
  });

  it("runs an untranslatable pipeline on the streaming engine with engine 'auto' and says so", async () => {
    const env = new StreamEnvironment();
    const limit = 10;
    const s = env.fromArray(sales).filter((r) => r.amount > limit);
    const said: string[] = [];
    const info = console.info;
    console.info = (m: string) => void said.push(m);
    try {
      const rows = await s.collect({ engine: 'auto' });
      expect(rows).toEqual(sales.filter((r) => r.amount > limit));
      expect((rows as { engine?: string }).engine).toBe('streaming');
    } finally {
      console.info = info;
    }
    expect(said.join('\n')).toContain("engine 'auto': running on the streaming engine");
    const ok = await env.fromArray(sales).filter((r) => r.amount > 10).collect({ engine: 'auto' });
    expect((ok as { engine?: string }).engine).toBe('duckdb');
  });

  it('rejects an unknown engine', async () => {
    const env = new StreamEnvironment();
    const e = await rejection(env.fromArray(sales).collect({ engine: 'spark' as never }));
    expect(e.code).toBe('BAD_ENGINE');
  });

  it("explain({ engine: 'duckdb' }) shows the SQL, and refuses like collect", () => {
    const env = new StreamEnvironment();
    const w = env.fromArray(sales).withWatermarks({ timestamp: 'ts' }).keyBy('shop').window(Windows.tumbling(1000)).aggregate({ n: agg.count() });
    const sql = w.explain({ engine: 'duckdb' });
    expect(sql).toMatch(/^WITH/);
    expect(sql).toContain('GROUP BY __key, __start)');
    const limit = 3;
    const e = error(() => env.fromArray(sales).map((r) => r.amount * limit).explain({ engine: 'duckdb' }));
    expect(e).toBeInstanceOf(RivuletError);
    expect(e.code).toBe('BATCH_UNTRANSLATABLE');
  });
});
