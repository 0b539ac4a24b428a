// The file cases of `npm run bench:batch`: the same Nexmark bids written once as a file in a temp dir, as CSV
// (auction, price, dateTime) or as a recording (stream.record's format, event time = dateTime), then the same
// windowed aggregate over that file three ways: the streaming engine (env.fromCsv with dateTime as the
// timestamp column, or env.fromRecording at speed Infinity: Rivulet's readers), the DuckDB batch mode
// (collect({ engine: 'duckdb' }): DuckDB reads a CSV file itself with read_csv; a recording is read by
// Rivulet's reader and loaded through the appender) and the bench's hand-written DuckDB SQL with read_csv or
// read_json over the same file in place of the loaded table. Checks the results agree and prints events/s and
// the ratios (best of the runs).
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamEnvironment, Windows, agg, nexmark } from '../../runtime/index.ts';
import { fillBatch } from '../../runtime/generators/nexmark/index.ts';
import { duckdb, queryRows } from '../../runtime/batch/duckdb-session.ts';
import { nativeCsvFallbacks } from '../../runtime/batch/run-batch.ts';
import { sqlString } from '../../runtime/batch/schema.ts';
import { eventLine } from '../../runtime/connectors/recording/recording-format.ts';
import { best, checksum, timed } from './batch-measure.ts';

export type FileFormat = 'csv' | 'recording';

export interface FileCaseOptions {
  format: FileFormat;
  events: number;
  /** How many of the bids the streaming engine reads (a prefix of the file, written as its own file). */
  streamingEvents: number;
  runs: number;
  /** The bench's hand-written query over `from` (a table expression giving auction, price, "dateTime"). */
  handWritten: (from: string) => string;
  log: (s: string) => void;
}

type Bid = { auction: number; price: number; dateTime: number };

const RECORDING_HEADER = { rivulet: 'recording', version: 1, schema: { auction: 'number', price: 'number', dateTime: 'number' }, eventTime: true, maxOutOfOrderness: 0, generator: 'nexmark.bids', seed: 7, createdAt: '2026-01-01T00:00:00.000Z' };

/** One bid as a line of the file. */
function lineOf(format: FileFormat, b: Bid, n: number): string {
  return format === 'csv' ? `${b.auction},${b.price},${b.dateTime}\n` : eventLine(b.dateTime, n, { auction: b.auction, price: b.price, dateTime: b.dateTime }) + '\n';
}

/** Writes the first `n` bids (seed 7) at `path` in `format`. */
async function writeBids(format: FileFormat, path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(format === 'csv' ? 'auction,price,dateTime\n' : JSON.stringify(RECORDING_HEADER) + '\n');
  const gen = nexmark.bids({ seed: 7, count: n });
  const buf: Bid[] = [];
  for (let from = 0; from < n; from += 65536) {
    const got = fillBatch(gen, from, Math.min(65536, n - from), buf);
    let text = '';
    for (let i = 0; i < got; i++) {
      const b = buf[i] as Bid;
      text += lineOf(format, b, from + i);
    }
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await new Promise<void>((r) => out.once('finish', () => r()));
}

function pipeline(format: FileFormat, path: string) {
  const env = new StreamEnvironment({ parallelism: 1 });
  const bids = format === 'csv' ? env.fromCsv<Bid>(path, { timestamp: 'dateTime' }) : env.fromRecording<Bid>(path, { speed: Infinity });
  return bids
    .keyBy('auction')
    .window(Windows.sliding(10_000, 2_000))
    .aggregate({ bids: agg.count(), top: agg.max('price') });
}

/** The file as a table expression of auction, price, "dateTime" for the hand-written query. */
function readFile(format: FileFormat, path: string): string {
  if (format === 'csv') return `read_csv(${sqlString(path)}, columns={'auction': 'DOUBLE', 'price': 'DOUBLE', 'dateTime': 'DOUBLE'}, header=true, auto_detect=false)`;
  const json = `read_json(${sqlString(path)}, columns={'e': 'STRUCT(auction DOUBLE, price DOUBLE, "dateTime" DOUBLE)'}, format='newline_delimited')`;
  return `(SELECT e.auction AS auction, e.price AS price, e."dateTime" AS "dateTime" FROM ${json} WHERE e IS NOT NULL)`;
}




/** Runs a file case; returns whether the results agree (and DuckDB read a CSV file itself). */
export async function fileCase(o: FileCaseOptions): Promise<boolean> {
  const f = o.format;
  const ext = f === 'csv' ? 'csv' : 'jsonl';
  const dir = mkdtempSync(join(tmpdir(), `rivulet-bench-${f}-`));
  try {
    const path = join(dir, `bids.${ext}`);
    const small = join(dir, `bids-streaming.${ext}`);
    o.log(`Writing ${o.events.toLocaleString('en-US')} bids as ${f === 'csv' ? 'CSV' : 'a recording'}...`);
    await writeBids(f, path, o.events);
    const streamingPath = o.streamingEvents < o.events ? small : path;
    if (streamingPath === small) await writeBids(f, small, o.streamingEvents);
    const native = f === 'recording' || pipeline(f, path).explain({ engine: 'duckdb' }).includes('read_csv(');
    const con = await duckdb();
    const hand = async (): Promise<Record<string, unknown>[]> => (await queryRows(con, o.handWritten(readFile(f, path)))).rows;
    const fallbacks = nativeCsvFallbacks.count;
    const hands: { ms: number; value: Record<string, unknown>[] }[] = [];
    const batches: { ms: number; value: unknown[] }[] = [];
    const streamings: { ms: number; value: unknown[] }[] = [];
    for (let i = 0; i < o.runs; i++) {
      hands.push(await timed(hand));
      batches.push(await timed(() => pipeline(f, path).collect({ engine: 'duckdb' })));
      streamings.push(await timed(() => pipeline(f, streamingPath).collect()));
      o.log(`${f} run ${i + 1}: hand-written ${Math.round(hands[i]!.ms)} ms, batch mode ${Math.round(batches[i]!.ms)} ms, streaming ${Math.round(streamings[i]!.ms)} ms`);
    }
    const h = best(hands);
    const b = best(batches);
    const s = best(streamings);
    const rate = (n: number, ms: number): number => Math.round((n / ms) * 1000);
    const fmt = (n: number): string => n.toLocaleString('en-US');
    const batchRows = b.value as Record<string, unknown>[];
    const same = batchRows.length === h.value.length && Math.abs(checksum(batchRows) - checksum(h.value)) < 1e-6;
    const streamSame = streamingPath !== path || (s.value.length === batchRows.length && Math.abs(checksum(s.value as Record<string, unknown>[]) - checksum(batchRows)) < 1e-6);
    const fellBack = nativeCsvFallbacks.count !== fallbacks;
    const batchRate = rate(o.events, b.ms);
    const streamRate = rate(o.streamingEvents, s.ms);
    const source = f === 'csv' ? 'fromCsv' : 'fromRecording';
    const reads = f === 'csv' ? `DuckDB reads the file${native && !fellBack ? '' : ': NOT NATIVE'}` : "Rivulet's reader, loaded through the appender";
    console.log(`${f === 'csv' ? 'CSV file' : 'Recording'} case: the same aggregate over ${fmt(o.events)} bids in ${f === 'csv' ? 'a CSV file' : 'a recording'}, best of ${o.runs} runs`);
    console.log(`  hand-written DuckDB SQL (${f === 'csv' ? 'read_csv' : 'read_json'} over the file): ${fmt(Math.round(h.ms))} ms  ${fmt(rate(o.events, h.ms))} events/s`);
    console.log(`  DuckDB batch mode (${source}, ${reads}): ${fmt(Math.round(b.ms))} ms  ${fmt(batchRate)} events/s`);
    console.log(`  streaming engine (${source}, ${fmt(o.streamingEvents)} bids): ${fmt(Math.round(s.ms))} ms  ${fmt(streamRate)} events/s`);
    console.log(`  batch mode / hand-written time: ${(b.ms / h.ms).toFixed(2)}x (goal <= 1.3x)`);
    console.log(`  batch mode / streaming throughput: ${(batchRate / streamRate).toFixed(1)}x (goal >= 5x)`);
    console.log(`  results: batch mode ${fmt(batchRows.length)} rows, hand-written ${fmt(h.value.length)} rows, ${same ? 'equal' : 'DIFFERENT'} checksums${streamingPath === path ? `, streaming ${streamSame ? 'equal' : 'DIFFERENT'}` : ''}`);
    return same && streamSame && native && !fellBack;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
