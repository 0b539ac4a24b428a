// DuckDB reading CSV files itself: when the batch mode lets it (explain shows read_csv), what it refuses before
// reading (bytes the two readers may split differently), what makes a run fall back to Rivulet's reader, and
// that the results, late rows and dead letters are the streaming engine's in every case.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, type CsvOptions } from '../../../runtime/index.ts';
import { nativeCsvFallbacks, nativeCsvLateRetries } from '../../../runtime/batch/run-batch.ts';

const dir = mkdtempSync(join(tmpdir(), 'rivulet-native-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function csv(text: string | Buffer): string {
  const path = join(dir, `f${++files}.csv`);
  writeFileSync(path, text);
  return path;
}

/** Header, then n rows: id, key, ts (a few out of order), value, a boolean. */
function lines(n: number): string[] {
  const out = ['id,key,ts,value,ok'];
  for (let i = 0; i < n; i++) out.push(`${i},k${i % 3},${1000 + i * 10 - (i % 7 === 0 ? 45 : 0)},${i * 1.5},${i % 2 === 0 ? 'true' : 'False'}`);
  return out;
}

type Row = { id: number; key: string; ts: number; value: number; ok: boolean };

function windows(path: string, options: CsvOptions = { timestamp: 'ts', maxOutOfOrderness: 20 }) {
  const file = new StreamEnvironment().fromCsv<Row>(path, options);
  const result = file.keyBy('key').window(Windows.tumbling(100)).aggregate({ n: agg.count(), total: agg.sum('value'), last: agg.last('ok') });
  return { file, result };
}

const sorted = (rows: unknown[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

/** Runs the windows, late rows, rows and dead letters on both engines; returns how many runs fell back. */
async function expectSameOnBothEngines(path: string, options?: CsvOptions): Promise<number> {
  const { file, result } = windows(path, options);
  const before = nativeCsvFallbacks.count;
  expect(sorted(await result.collect({ engine: 'duckdb' }))).toEqual(sorted(await result.collect()));
  const fellBack = nativeCsvFallbacks.count - before;
  expect(await result.lateOutput().collect({ engine: 'duckdb' })).toEqual(await result.lateOutput().collect());
  expect(await file.collect({ engine: 'duckdb' })).toEqual(await file.collect());
  expect(await file.deadLetters().collect({ engine: 'duckdb' })).toEqual(await file.deadLetters().collect());
  return fellBack;
}

const native = (path: string, options?: CsvOptions): boolean => windows(path, options).result.explain({ engine: 'duckdb' }).includes('read_csv(');

describe('DuckDB reads clean CSV files itself', () => {
  it('reads a clean file with read_csv, computes the watermark with streaming windows, and gives the streaming engine\'s results', async () => {
    const path = csv(lines(300).join('\n') + '\n');
    const sql = windows(path).result.explain({ engine: 'duckdb' });
    expect(sql).toContain('read_csv(');
    expect(sql).toContain('lag(__cm) OVER ()');
    expect(sql).not.toContain('ORDER BY __seq ROWS');
    expect(await expectSameOnBothEngines(path)).toBe(0);
    expect(await windows(path).result.lateOutput().collect({ engine: 'duckdb' })).not.toEqual([]);
  });

  it('computes the watermark of a timestamp function right after the file with streaming windows too', async () => {
    const file = new StreamEnvironment().fromCsv<Row>(csv(lines(300).join('\n')));
    const s = file.withWatermarks({ timestamp: (r) => r.ts * 2, maxOutOfOrderness: 30 }).keyBy('key').window(Windows.tumbling(200)).aggregate({ n: agg.count() });
    const sql = s.explain({ engine: 'duckdb' });
    expect(sql).toContain('lag(__cm) OVER ()');
    expect(sql).not.toContain('ORDER BY __seq ROWS');
    expect(sorted(await s.collect({ engine: 'duckdb' }))).toEqual(sorted(await s.collect()));
    expect(await s.lateOutput().collect({ engine: 'duckdb' })).toEqual(await s.lateOutput().collect());
  });

  it('gives no dead letters for a clean file, reading it whole to be sure', async () => {
    const path = csv(lines(50).join('\n'));
    const { file } = windows(path);
    const before = nativeCsvFallbacks.count;
    expect(await file.deadLetters().collect({ engine: 'duckdb' })).toEqual([]);
    expect(nativeCsvFallbacks.count).toBe(before);
  });

  it('keeps the file\'s line order as arrival order on a file DuckDB reads in parallel', async () => {
    const rows = ['id,key,value'];
    for (let i = 0; i < 200_000; i++) rows.push(`${i},k${(i * 7919) % 13},${(i * 31) % 1000}`);
    const file = new StreamEnvironment().fromCsv<{ id: number }>(csv(rows.join('\n') + '\n'));
    expect(file.explain({ engine: 'duckdb' })).toContain('read_csv(');
    const ids = (await file.collect({ engine: 'duckdb' })).map((r) => r.id);
    expect(ids.length).toBe(200_000);
    expect(ids.every((id, i) => id === i)).toBe(true);
  });

  it('reads files with other delimiters, no header (a declared schema), underscores in strings and numbers in several spellings', async () => {
    const semi = csv(lines(40).map((l) => l.replace(/,/g, ';')).join('\n'));
    expect(native(semi, { delimiter: ';', timestamp: 'ts' })).toBe(true);
    expect(await expectSameOnBothEngines(semi, { delimiter: ';', timestamp: 'ts' })).toBe(0);
    const schema = { id: 'number', key: 'string', ts: 'timestamp', value: 'number', ok: 'boolean' } as const;
    const bare = csv(lines(40).slice(1).join('\n'));
    expect(native(bare, { header: false, schema, timestamp: 'ts' })).toBe(true);
    expect(await expectSameOnBothEngines(bare, { header: false, schema, timestamp: 'ts' })).toBe(0);
    const spelled = csv(['id,key,ts,value,ok', '1,k_1,1000, 7,TRUE', '2,k_2,1010,+7.0,false', '3,k_2,1020,7e0,', '4,,1030,.5e1,True', '5,k_2,1040,,FALSE'].join('\n'));
    expect(native(spelled)).toBe(true);
    expect(await expectSameOnBothEngines(spelled)).toBe(0);
  });
});

describe('rows of a CSV file DuckDB reads are assumed on time, and checked', () => {
  const sliding = (path: string) =>
    new StreamEnvironment().fromCsv<Row>(path, { timestamp: 'ts' }).keyBy('key').window(Windows.sliding(100, 20)).aggregate({ n: agg.count(), top: agg.max('value') });

  it('aggregates sliding windows by pane over a file in event-time order, with no second compilation', async () => {
    const rows = ['id,key,ts,value,ok'];
    for (let i = 0; i < 500; i++) rows.push(`${i},k${i % 4},${1000 + i * 7},${(i * 37) % 101},true`);
    const s = sliding(csv(rows.join('\n')));
    expect(s.explain({ engine: 'duckdb' })).toContain('_panes');
    const retries = nativeCsvLateRetries.count;
    expect(sorted(await s.collect({ engine: 'duckdb' }))).toEqual(sorted(await s.collect()));
    expect(nativeCsvLateRetries.count).toBe(retries);
    expect(await s.lateOutput().collect({ engine: 'duckdb' })).toEqual([]);
  });

  it('compiles the query again without the assumption when a row is late, and gives the streaming engine\'s late rows', async () => {
    const rows = ['id,key,ts,value,ok'];
    for (let i = 0; i < 500; i++) rows.push(`${i},k${i % 4},${1000 + i * 7 - (i === 450 ? 400 : 0)},${(i * 37) % 101},true`);
    const s = sliding(csv(rows.join('\n')));
    const retries = nativeCsvLateRetries.count;
    const fallbacks = nativeCsvFallbacks.count;
    expect(sorted(await s.collect({ engine: 'duckdb' }))).toEqual(sorted(await s.collect()));
    expect(nativeCsvLateRetries.count).toBe(retries + 1);
    expect(nativeCsvFallbacks.count).toBe(fallbacks);
    const late = await s.lateOutput().collect({ engine: 'duckdb' });
    expect(late.map((r) => r.id)).toEqual([450]);
    expect(late).toEqual(await s.lateOutput().collect());
  });
});

describe('joins and session windows over CSV files DuckDB reads', () => {
  it('joins two CSV files as the streaming engine does, and refuses the same way when a row is late', async () => {
    const ordersText = ['id,user,ts', ...Array.from({ length: 60 }, (_, i) => `${i},u${i % 5},${i * 40}`)];
    const clicksText = ['user,page,ts', ...Array.from({ length: 80 }, (_, i) => `u${i % 4},p${i % 3},${i * 30 + 5}`)];
    const env = new StreamEnvironment();
    const orders = env.fromCsv<{ id: number; user: string; ts: number }>(csv(ordersText.join('\n')), { timestamp: 'ts' });
    const clicks = env.fromCsv<{ user: string; page: string; ts: number }>(csv(clicksText.join('\n')), { timestamp: 'ts' });
    const j = orders.join(clicks).where('user').equalTo('user').window(Windows.tumbling(500)).apply((o, c) => ({ id: o.id, page: c.page, gap: c.ts - o.ts }));
    expect(j.explain({ engine: 'duckdb' })).toContain('read_csv(');
    expect(sorted(await j.collect({ engine: 'duckdb' }))).toEqual(sorted(await j.collect()));
    const late = env.fromCsv<{ id: number; user: string; ts: number }>(csv([...ordersText, '99,u1,5'].join('\n')), { timestamp: 'ts' });
    const k = late.join(clicks).where('user').equalTo('user').window(Windows.tumbling(500)).apply((o, c) => ({ id: o.id, page: c.page }));
    await expect(k.collect({ engine: 'duckdb' })).rejects.toMatchObject({ code: 'BATCH_UNTRANSLATABLE' });
  });

  it('gives the streaming engine\'s session windows and late rows', async () => {
    const { file } = windows(csv(lines(200).join('\n')));
    const s = file.keyBy('key').window(Windows.session(25)).aggregate({ n: agg.count(), total: agg.sum('value') });
    expect(sorted(await s.collect({ engine: 'duckdb' }))).toEqual(sorted(await s.collect()));
    expect(await s.lateOutput().collect({ engine: 'duckdb' })).toEqual(await s.lateOutput().collect());
  });
});

describe('Rivulet\'s reader reads what the fast path cannot vouch for', () => {
  const clean = lines(30);
  const cases: [string, string | Buffer][] = [
    ['a quoted field', [...clean, '99,"k1",2000,1,true'].join('\n')],
    ['CRLF line endings', clean.join('\r\n')],
    ['a lone carriage return', [...clean, '99,k1\r,2000,1,true'].join('\n')],
    ['a byte order mark', '\ufeff' + clean.join('\n')],
    ['a blank line', [...clean.slice(0, 10), '', ...clean.slice(10)].join('\n')],
    ['a blank first line', '\n' + clean.join('\n')],
    ['a whitespace line before the header', '  \n' + clean.join('\n')],
    ['a NUL byte', [...clean, '99,k\u00001,2000,1,true'].join('\n')],
  ];
  for (const [what, text] of cases) {
    it(`reads a file with ${what} with Rivulet's reader`, async () => {
      const path = csv(text);
      expect(native(path)).toBe(false);
      expect(await expectSameOnBothEngines(path)).toBe(0);
    });
  }

  it('reads single-column files, tab-separated files and files with duplicate column names with Rivulet\'s reader', () => {
    const env = new StreamEnvironment();
    expect(env.fromCsv(csv('a\n1\n2\n')).explain({ engine: 'duckdb' })).not.toContain('read_csv(');
    expect(env.fromCsv(csv('a\tb\n1\t2\n'), { delimiter: '\t' }).explain({ engine: 'duckdb' })).not.toContain('read_csv(');
    expect(env.fromCsv(csv('a,b,a\n1,2,3\n')).explain({ engine: 'duckdb' })).not.toContain('read_csv(');
  });
});

describe('a line DuckDB refuses makes the run fall back to Rivulet\'s reader', () => {
  const rejected: [string, string][] = [
    ['a line with too few fields', '99,k1,2000'],
    ['a line with too many fields', '99,k1,2000,1,true,extra'],
    ['a number DuckDB reads as infinity', '99,k1,2000,inf,true'],
    ['NaN', '99,k1,2000,NaN,true'],
    ['a number with an underscore', '99,k1,2000,1_000,true'],
    ['a number that overflows', '99,k1,2000,1e999,true'],
    ['a hexadecimal number', '99,k1,2000,0x10,true'],
    ['a boolean Rivulet reads and the fast path does not vouch for', '99,k1,2000,1, tRuE'],
    ['a boolean Rivulet does not read', '99,k1,2000,1,yes'],
    ['an ISO date as the timestamp', '99,k1,2026-01-01T00:00:00Z,1,true'],
    ['a whitespace-only line', '   '],
  ];
  for (const [what, line] of rejected) {
    it(`falls back on ${what} and gives the streaming engine's rows and dead letters`, async () => {
      const path = csv([...lines(120), line, '100,k2,2100,3,false'].join('\n'));
      expect(native(path)).toBe(true);
      expect(await expectSameOnBothEngines(path)).toBe(1);
    });
  }

  it('falls back on a bad value in a column no step reads (every column is checked)', async () => {
    const path = csv([...lines(120), '99,k1,2000,oops,true'].join('\n'));
    const values = new StreamEnvironment().fromCsv<Row>(path).map((r) => ({ id: r.id }));
    const before = nativeCsvFallbacks.count;
    const batch = await values.collect({ engine: 'duckdb' });
    expect(nativeCsvFallbacks.count).toBe(before + 1);
    expect(batch).toEqual(await values.collect());
    expect(batch.length).toBe(120);
  });

  it('falls back when only the dead letters are asked for', async () => {
    const file = new StreamEnvironment().fromCsv(csv([...lines(120), '99,k1,2000,oops,true'].join('\n')));
    const before = nativeCsvFallbacks.count;
    const letters = await file.deadLetters().collect({ engine: 'duckdb' });
    expect(nativeCsvFallbacks.count).toBe(before + 1);
    expect(letters).toEqual(await file.deadLetters().collect());
    expect(letters.map((d) => d.line)).toEqual([122]);
  });

  it('fails like the streaming engine on an empty timestamp the watermark needs', async () => {
    const { result } = windows(csv([...lines(20), '99,k1,,1,true'].join('\n')));
    const streaming = await result.collect().then(() => 'no error', (e: { code?: string }) => e.code);
    const batch = await result.collect({ engine: 'duckdb' }).then(() => 'no error', (e: { code?: string }) => e.code);
    expect(streaming).not.toBe('no error');
    expect(batch).toBe(streaming);
  });
});
