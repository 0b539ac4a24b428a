// env.register / env.sql: DuckDB SQL over arrays, view snapshots, CSV / JSONL / Parquet files and recordings;
// results are Arquero tables with integers as numbers and the renderings of a view.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamEnvironment } from '../../../runtime/index.ts';
import { duckdb } from '../../../runtime/batch/duckdb-session.ts';
import { error, rejection } from '../../helpers/rivulet-errors.ts';

const FILES = join(import.meta.dirname, '../../fixtures/files');
const trades = Array.from({ length: 30 }, (_, i) => ({ sym: ['AAA', 'BBB', 'CCC'][i % 3] as string, qty: i + 1, px: 10 + (i % 7), ts: i * 100 }));

describe('env.sql queries registered names with DuckDB', () => {
  it('queries an array of rows and returns an Arquero table with numbers, not bigints', async () => {
    const env = new StreamEnvironment().register('trades', trades);
    const t = await env.sql('SELECT sym, count(*) AS n, sum(qty) AS qty FROM trades GROUP BY sym ORDER BY sym');
    expect(t.objects()).toEqual([
      { sym: 'AAA', n: 10, qty: 145 },
      { sym: 'BBB', n: 10, qty: 155 },
      { sym: 'CCC', n: 10, qty: 165 },
    ]);
  });

  it('queries a view as it is when the query runs', async () => {
    const env = new StreamEnvironment();
    const view = env.fromArray(trades).keyBy('sym').sum('qty').view({ name: 'totals', display: false });
    env.register('totals', view);
    await env.execute('totals');
    const t = await env.sql('SELECT sym, qty FROM totals ORDER BY qty DESC');
    expect(t.objects()).toEqual([
      { sym: 'CCC', qty: 165 },
      { sym: 'BBB', qty: 155 },
      { sym: 'AAA', qty: 145 },
    ]);
  });

  it('queries CSV, JSONL and Parquet files with DuckDB\'s readers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rivulet-sql-'));
    const parquet = join(dir, 'nums.parquet');
    const con = await duckdb();
    await con.run(`COPY (SELECT range AS n, range * range AS sq FROM range(5)) TO '${parquet}' (FORMAT parquet)`);
    const env = new StreamEnvironment().register('people', join(FILES, 'people.csv')).register('nums', parquet);
    const people = await env.sql('SELECT name, age FROM people ORDER BY age');
    expect(people.objects()).toEqual([
      { name: 'bob', age: 25 },
      { name: 'alice', age: 30 },
      { name: 'carol', age: 41 },
    ]);
    expect((await env.sql('SELECT sum(sq) AS s FROM nums')).objects()).toEqual([{ s: 30 }]);
  });

  it('queries a recording: its records, nested fields flattened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rivulet-sql-'));
    const path = join(dir, 'trades.jsonl');
    const rec = new StreamEnvironment();
    rec.fromArray(trades).withWatermarks({ timestamp: 'ts' }).record(path);
    await rec.execute('record');
    const env = new StreamEnvironment().register('recorded', path);
    const t = await env.sql('SELECT count(*) AS n, max(px) AS top FROM recorded');
    expect(t.objects()).toEqual([{ n: 30, top: 16 }]);
  });

  it('renders results like a view: an HTML table and a text table', async () => {
    const env = new StreamEnvironment().register('trades', trades);
    const t = await env.sql('SELECT sym, max(px) AS top FROM trades GROUP BY sym ORDER BY sym');
    const bundle = await (t as unknown as { mimeBundle(): Promise<Record<string, string>> }).mimeBundle();
    expect(bundle['text/html']).toContain('<table');
    expect(bundle['text/html']).toContain('AAA');
    expect(bundle['text/plain']).toMatch(/sym\s+top/);
    expect(String(t)).toContain('CCC');
  });

  it('keeps the names of two environments apart', async () => {
    const a = new StreamEnvironment().register('t', [{ x: 1 }]);
    const b = new StreamEnvironment().register('t', [{ x: 2 }]);
    expect((await a.sql('SELECT x FROM t')).objects()).toEqual([{ x: 1 }]);
    expect((await b.sql('SELECT x FROM t')).objects()).toEqual([{ x: 2 }]);
  });

  it('reports bad names, missing files and failing SQL as RivuletErrors', async () => {
    const env = new StreamEnvironment();
    expect(error(() => env.register('bad name', trades)).code).toBe('BAD_ARGUMENT');
    expect(error(() => env.register('nofile', '/no/such/file.csv')).code).toBe('BAD_SQL_SOURCE');
    const e = await rejection(env.sql('SELECT * FROM nowhere'));
    expect(e.code).toBe('SQL_FAILED');
    expect(e.message).toContain('nowhere');
  });
});
