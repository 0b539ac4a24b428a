// File sources are replayable: a reader opened at a saved offset (a byte offset) resumes exactly there, with the
// header and the inferred types of the whole file and the right line numbers; a windowed pipeline over a CSV file
// equals the same pipeline over the parsed rows; and a job reading a file snapshots and restores exactly.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg } from '../../../../runtime/index.ts';
import { csvSource, jsonlSource } from '../../../../runtime/connectors/files/file-source.ts';
import { DeadLetterItem } from '../../../../runtime/connectors/files/dead-letter.ts';
import type { SourceSpec } from '../../../../runtime/connectors/source.ts';

const fixture = (name: string): string => join(import.meta.dirname, '../../../fixtures/files', name);
const work = mkdtempSync(join(tmpdir(), 'rivulet-file-replay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const plain = (r: unknown): unknown => (r instanceof DeadLetterItem ? { dead: r.letter } : r);

/** Every item of a reader opened at `offset`, read `max` at a time. */
function readAll(spec: SourceSpec, offset: number, max: number): unknown[] {
  const reader = spec.open(offset, 0);
  const items: unknown[] = [];
  while (!reader.done) for (const r of reader.read(max, 0)) items.push(plain(r));
  return items;
}

function checkResume(spec: SourceSpec): void {
  const reader = spec.open(0, 0);
  const all: unknown[] = [];
  const cuts: { offset: number; before: number }[] = [{ offset: reader.offset, before: 0 }];
  while (!reader.done) {
    for (const r of reader.read(1, 0)) all.push(plain(r));
    cuts.push({ offset: reader.offset, before: all.length });
  }
  expect(all.length).toBeGreaterThan(2);
  for (const { offset, before } of cuts) {
    expect(readAll(spec, offset, 2)).toEqual(all.slice(before));
  }
}

const schema = { id: 'number', amount: 'number', when: 'timestamp' } as const;

describe('file sources from an offset', () => {
  it('resume a CSV file at every saved offset: header re-read, same types, same dead letters and line numbers', () => {
    checkResume(csvSource(fixture('malformed.csv'), { header: true, delimiter: ',', inferRows: 100, schema: { ...schema } }));
    checkResume(csvSource(fixture('quoted-crlf.csv'), { header: true, delimiter: ',', inferRows: 100 }));
  });

  it('resume a JSON-lines file at every saved offset', () => {
    checkResume(jsonlSource(fixture('events.jsonl'), { schema: { id: 'number' } }));
  });

  it('start a CSV reader at the first data row, and its offset is the byte after the last record read', () => {
    const reader = csvSource(fixture('people.csv'), { header: true, delimiter: ',', inferRows: 100 }).open(0, 0);
    expect(reader.offset).toBe('name,age,active,score\n'.length);
    expect(reader.read(1, 0)).toEqual([{ name: 'alice', age: 30, active: true, score: 1.5 }]);
    expect(reader.offset).toBe('name,age,active,score\nalice,30,true,1.5\n'.length);
    // Types are inferred from the start of the file, not from where a reader resumes.
    const resumed = csvSource(fixture('people.csv'), { header: true, delimiter: ',', inferRows: 100 }).open(reader.offset, 0);
    expect(resumed.read(10, 0)).toEqual([
      { name: 'bob', age: 25, active: false, score: null },
      { name: 'carol', age: 41, active: true, score: -2000 },
    ]);
    expect(resumed.done).toBe(true);
  });
});

/** A deterministic event file: keys, values, event times a little out of order, and a few bad lines. */
function eventFile(n: number): { path: string; rows: { k: string; v: number; ts: number }[] } {
  const path = join(work, `events-${n}.csv`);
  let seed = 7;
  const rand = (m: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % m);
  const rows: { k: string; v: number; ts: number }[] = [];
  const lines = ['k,v,ts'];
  for (let i = 0; i < n; i++) {
    if (i % 97 === 13) lines.push(`bad line ${i}`);
    const row = { k: `key${rand(5)}`, v: rand(100), ts: 1000 + i * 10 - rand(40) };
    rows.push(row);
    lines.push(`${row.k},${row.v},${new Date(row.ts).toISOString()}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, rows };
}

function windowed(env: StreamEnvironment, path: string | null, rows: { k: string; v: number; ts: number }[], out: string[]): void {
  const input =
    path === null
      ? env.fromArray(rows).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: 50 })
      : env.fromCsv<{ k: string; v: number; ts: number }>(path, { timestamp: 'ts', maxOutOfOrderness: 50 });
  input
    .keyBy((r) => r.k)
    .window(Windows.tumbling(200))
    .aggregate({ n: agg.count(), total: agg.sum('v') })
    .addSink((r, kind) => void out.push(kind + JSON.stringify(r)));
}

describe('a job reading a file', () => {
  it('computes the same windows over a CSV file with event time as over the parsed array', async () => {
    const { path, rows } = eventFile(2000);
    const fromFile: string[] = [];
    const fromArray: string[] = [];
    const env1 = new StreamEnvironment({ parallelism: 3, batchSize: 64 });
    windowed(env1, path, rows, fromFile);
    await env1.execute();
    const env2 = new StreamEnvironment({ parallelism: 3, batchSize: 64 });
    windowed(env2, null, rows, fromArray);
    await env2.execute();
    expect(fromFile.length).toBeGreaterThan(50);
    expect(fromFile.sort()).toEqual(fromArray.sort());
  });

  it('restores a snapshot of a paused job and, together, gives the output of an uninterrupted run', async () => {
    const { path } = eventFile(3000);
    const build = (env: StreamEnvironment, out: string[], onRow: () => void = () => {}): void => {
      const s = env.fromCsv<{ k: string; v: number; ts: number }>(path, { timestamp: 'ts', maxOutOfOrderness: 50 });
      s.deadLetters().addSink((d) => void out.push(`dead ${d.line} ${d.offset}`));
      s.keyBy((r) => r.k)
        .window(Windows.tumbling(200))
        .aggregate({ n: agg.count(), total: agg.sum('v') })
        .addSink((r, kind) => {
          out.push(kind + JSON.stringify(r));
          onRow();
        });
    };
    const expected: string[] = [];
    const env0 = new StreamEnvironment({ parallelism: 2, batchSize: 16 });
    build(env0, expected);
    await env0.execute();

    const out: string[] = [];
    const env1 = new StreamEnvironment({ parallelism: 2, batchSize: 16 });
    let windows = 0;
    build(env1, out, () => {
      // A bounded job runs synchronously until its time slice (20 ms) is used up: use it up at the 40th window,
      // so that execute() returns there and the job can be paused.
      if (++windows !== 40) return;
      const t = Date.now();
      while (Date.now() - t < 30);
    });
    const job = env1.execute();
    expect(job.status).toBe('running');
    job.pause();
    const dir = join(work, 'snap');
    const info = await env1.snapshot(dir);
    const offset = Object.values(info.sources)[0] as number;
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(statSync(path).size);
    await job.stop();
    expect(out.length).toBeLessThan(expected.length);

    const env2 = new StreamEnvironment({ parallelism: 3, batchSize: 16 });
    build(env2, out);
    await env2.restore(dir);
    await env2.execute();
    expect(expected.filter((l) => l.startsWith('dead')).length).toBe(31);
    expect(out.sort()).toEqual(expected.sort());
  });
});
