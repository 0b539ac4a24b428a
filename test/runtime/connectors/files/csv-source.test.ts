// fromCsv: header and inferred types, declared schemas, RFC 4180 quoting, CRLF, files larger than a chunk, and
// malformed lines that go to deadLetters() while the good ones go on.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, RivuletError, type DeadLetter } from '../../../../runtime/index.ts';

const fixtures = join(import.meta.dirname, '../../../fixtures/files');
const fixture = (name: string): string => join(fixtures, name);
const work = mkdtempSync(join(tmpdir(), 'rivulet-csv-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function readCsv(path: string, opts: Parameters<StreamEnvironment['fromCsv']>[1] = {}): Promise<{ rows: unknown[]; dead: DeadLetter[] }> {
  const env = new StreamEnvironment();
  const s = env.fromCsv(path, opts);
  const dead: DeadLetter[] = [];
  s.deadLetters().addSink((d) => void dead.push(d));
  const rows = await s.collect();
  return { rows, dead };
}

describe('fromCsv', () => {
  it('reads a file with a header and infers numbers, booleans and nulls', async () => {
    const { rows, dead } = await readCsv(fixture('people.csv'));
    expect(rows).toEqual([
      { name: 'alice', age: 30, active: true, score: 1.5 },
      { name: 'bob', age: 25, active: false, score: null },
      { name: 'carol', age: 41, active: true, score: -2000 },
    ]);
    expect(dead).toEqual([]);
  });

  it('follows a declared schema and infers the columns it does not name', async () => {
    const { rows } = await readCsv(fixture('people.csv'), { schema: { age: 'string', active: 'boolean' } });
    expect(rows[0]).toEqual({ name: 'alice', age: '30', active: true, score: 1.5 });
  });

  it('names the columns column1, column2, ... without a header, or after the schema', async () => {
    const path = join(work, 'no-header.csv');
    writeFileSync(path, 'a,1\nb,2\n');
    expect((await readCsv(path, { header: false })).rows).toEqual([
      { column1: 'a', column2: 1 },
      { column1: 'b', column2: 2 },
    ]);
    expect((await readCsv(path, { header: false, schema: { k: 'string', v: 'number' } })).rows).toEqual([
      { k: 'a', v: 1 },
      { k: 'b', v: 2 },
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes, CRLF line breaks and newlines inside quotes', async () => {
    const { rows, dead } = await readCsv(fixture('quoted-crlf.csv'));
    expect(rows).toEqual([
      { id: 1, text: 'hello, world', note: 'she said "hi"' },
      { id: 2, text: 'two\r\nlines', note: 'plain' },
      { id: 3, text: null, note: 'é ü 日本' },
    ]);
    expect(dead).toEqual([]);
  });

  it('reads the same rows whatever the chunk size, down to one byte', async () => {
    const whole = await readCsv(fixture('quoted-crlf.csv'));
    for (let chunkBytes = 1; chunkBytes <= 20; chunkBytes++) expect(await readCsv(fixture('quoted-crlf.csv'), { chunkBytes })).toEqual(whole);
  });

  it('skips a byte order mark and blank lines', async () => {
    const path = join(work, 'bom.csv');
    writeFileSync(path, '\uFEFFa,b\n1,x\n\n2,y');
    expect((await readCsv(path)).rows).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
  });

  it('reads another delimiter', async () => {
    const path = join(work, 'tabs.tsv');
    writeFileSync(path, 'a\tb\n"x\ty"\t2\n');
    expect((await readCsv(path, { delimiter: '\t' })).rows).toEqual([{ a: 'x\ty', b: 2 }]);
  });

  it('reads a file larger than one chunk, with records, quotes and multi-byte characters across chunk boundaries', async () => {
    const path = join(work, 'large.csv');
    const expected: { i: number; word: string; note: string }[] = [];
    const lines = ['i,word,note'];
    for (let i = 0; i < 8000; i++) {
      const word = i % 7 === 0 ? `größe ${i}, "q"` : `wörd-${'日'.repeat(i % 5)}-${i}`;
      const note = i % 11 === 0 ? `line one\r\nline two ${i}` : `n${i}`;
      expected.push({ i, word, note });
      const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      lines.push(`${i},${quote(word)},${quote(note)}`);
    }
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    expect(statSync(path).size).toBeGreaterThan(2 * 64 * 1024);
    const { rows, dead } = await readCsv(path);
    expect(dead).toEqual([]);
    expect(rows).toEqual(expected);
    // The same with tiny chunks: every byte boundary is a chunk boundary somewhere.
    for (const chunkBytes of [7, 64, 1000]) {
      const small = await readCsv(path, { chunkBytes });
      expect(small.rows).toEqual(expected);
    }
  });

  it('sends malformed lines to deadLetters with their line numbers and byte offsets, and goes on with the good ones', async () => {
    const { rows, dead } = await readCsv(fixture('malformed.csv'), { schema: { id: 'number', amount: 'number', when: 'timestamp' } });
    expect(rows.map((r) => (r as { id: number }).id)).toEqual([1, 4, 7]);
    const source = fixture('malformed.csv');
    expect(dead).toEqual([
      { source, line: 3, offset: 41, raw: '2,ten,2024-01-01T00:00:01Z', error: 'column "amount" (number): "ten" is not a number' },
      { source, line: 4, offset: 68, raw: '3,30', error: 'expected 3 fields, got 2' },
      { source, line: 6, offset: 99, raw: '5,"x"y,2024-01-01T00:00:04Z', error: 'unexpected "y" after the closing quote of field 2' },
      { source, line: 7, offset: 127, raw: '6,60,not a date', error: expect.stringContaining('"not a date" is not a timestamp') },
    ]);
  });

  it('counts dead letters in the job metrics, where views show them', async () => {
    const env = new StreamEnvironment();
    const s = env.fromCsv(fixture('malformed.csv'), { schema: { id: 'number', amount: 'number', when: 'timestamp' } });
    s.addSink(() => {});
    const result = await env.execute('dead letters');
    expect(result.metrics.deadLetters).toBe(4);
  });

  it('counts physical lines of quoted newlines and CRLF in dead letter line numbers and offsets', async () => {
    const path = join(work, 'lines.csv');
    const text = 'a,b\r\n"x\r\ny",1\r\nbad\r\n2,"open\r\n';
    writeFileSync(path, text);
    const { rows, dead } = await readCsv(path);
    expect(rows).toEqual([{ a: 'x\r\ny', b: 1 }]);
    expect(dead).toEqual([
      { source: path, line: 4, offset: text.indexOf('bad'), raw: 'bad', error: 'expected 2 fields, got 1' },
      { source: path, line: 5, offset: text.indexOf('2,"open'), raw: '2,"open', error: expect.stringContaining('ends inside a quoted field') },
    ]);
  });

  it('never crashes on fuzzed lines: every line is a row or a dead letter', async () => {
    const path = join(work, 'fuzz.csv');
    let seed = 42;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = ['a', '1', ',', '"', '\n', '\r\n', ' ', 'é', 'true', ''];
    let body = 'x,y\n';
    for (let i = 0; i < 400; i++) {
      let line = '';
      for (let k = rand(8); k > 0; k--) line += alphabet[rand(alphabet.length)];
      body += line + '\n';
    }
    writeFileSync(path, body);
    const { rows, dead } = await readCsv(path, { schema: { x: 'string', y: 'string' } });
    expect(rows.length + dead.length).toBeGreaterThan(0);
    for (const d of dead) expect(Buffer.from(body).subarray(d.offset).toString().startsWith(d.raw)).toBe(true);
  });

  it('reads an empty file as an empty stream', async () => {
    expect(await readCsv(fixture('empty.csv'))).toEqual({ rows: [], dead: [] });
  });

  it('refuses a missing file with the path and what to do', () => {
    const env = new StreamEnvironment();
    const missing = join(work, 'nope.csv');
    expect(() => env.fromCsv(missing)).toThrow(RivuletError);
    expect(() => env.fromCsv(missing)).toThrow(/fromCsv: the file ".*nope\.csv" does not exist or cannot be read\. Check the path/);
  });

  it('refuses bad options', () => {
    const env = new StreamEnvironment();
    expect(() => env.fromCsv(fixture('people.csv'), { delimiter: ';;' })).toThrow(/delimiter must be one ASCII character/);
    expect(() => env.fromCsv(fixture('people.csv'), { schema: { age: 'int' as never } })).toThrow(/schema\.age must be/);
  });

  it('refuses a schema or timestamp column the file does not have when the job starts', async () => {
    const env = new StreamEnvironment();
    await expect(env.fromCsv(fixture('people.csv'), { schema: { salary: 'number' } }).collect()).rejects.toThrow(/column "salary" that the file does not have/);
  });
});
