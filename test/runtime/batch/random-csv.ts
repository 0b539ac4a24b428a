// Random CSV files for the differential test of the batch mode's native CSV reading: a random case's records
// (in order or out of order, with late ones) written as CSV with two more columns (a string `tag`, sometimes
// empty or holding '_', and a boolean `flag` in several spellings), numbers in several spellings both readers
// accept ('7', '7.0', ' 7', '+7', '7e0'), and, by the seed: a ';' delimiter, no header (a declared schema),
// lines the fast path refuses while running (wrong field counts, 'inf', '1_0', ' tRue', '12abc', an ISO date,
// whitespace-only lines) and bytes it refuses before reading (quotes, CRLF, blank lines, a BOM).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StreamEnvironment, type DataStream } from '../../../runtime/index.ts';
import { seededRandom, pick, type Rng } from '../../helpers/random-stream.ts';
import type { RandomCase } from './random-pipeline.ts';
import { assignerOf, runtimeAggregates } from './random-pipeline.ts';

export interface CsvCase {
  path: string;
  delimiter: string;
  header: boolean;
  /** How the pipeline gets event time: fromCsv's timestamp option, withWatermarks by field, or by function. */
  timestamp: 'option' | 'field' | 'function';
  /** DuckDB may read the file itself (no byte the fast path refuses before reading). */
  native: boolean;
  /** The file holds lines DuckDB's reading refuses, so the run falls back to Rivulet's reader. */
  rejects: boolean;
  describe: string;
}

type Rec = RandomCase['records'][number];

/** How many rows fromCsv infers the column types from. */
export const INFER_ROWS = 5;

const TAGS = ['a', 'b c', ' padded ', 'x-1', 'ünï', ''];
const FLAGS = ['true', 'false', 'True', 'FALSE', ''];

function numberText(rng: Rng, v: number): string {
  const r = rng();
  if (r < 0.6) return String(v);
  if (r < 0.7) return `${v}.0`;
  if (r < 0.8) return ` ${v}`;
  if (r < 0.9) return v >= 0 ? `+${v}` : `${v}e0`;
  return `${v}e0`;
}

function badLine(rng: Rng, r: Rec, d: string): string {
  const row = (value: string, flag = 'true', ts = String(r.ts)): string => [r.id, r.key, ts, value, 'bad', flag].join(d);
  return pick(rng, [
    ['1', '2'].join(d),
    row('5') + d + 'extra',
    row('inf'),
    row('1_0'),
    row('12abc'),
    row('5', ' tRue'),
    row('5', 'yes'),
    row('5', 'true', '2026-01-01T00:00:00Z'),
    '   ',
  ]);
}

/** Writes the case's records as a CSV file in `dir`; `unsafe` lets the seed add bytes the fast path refuses. */
export function writeCsvCase(c: RandomCase, dir: string): CsvCase {
  const rng = seededRandom(c.seed * 7919 + 5);
  const delimiter = rng() < 0.2 ? ';' : ',';
  const header = rng() >= 0.15;
  const timestamp = pick(rng, ['option', 'option', 'field', 'function'] as const);
  const crlf = rng() < 0.08;
  const bom = header && rng() < 0.06;
  const blank = rng() < 0.08;
  const quotes = rng() < 0.1;
  const rejects = rng() < 0.3;
  const underscores = rng() < 0.3;
  const lines: string[] = header ? [['id', 'key', 'ts', 'value', 'tag', 'flag'].join(delimiter)] : [];
  let rejectsWritten = false;
  c.records.forEach((r, i) => {
    // Not among the rows types are inferred from (INFER_ROWS): a bad value there would change a column's type.
    if (rejects && i >= INFER_ROWS && (rng() < 0.04 || (!rejectsWritten && i === c.records.length - 1))) {
      lines.push(badLine(rng, r, delimiter));
      rejectsWritten = true;
    }
    if (blank && rng() < 0.04) lines.push('');
    let tag = pick(rng, TAGS);
    if (underscores && rng() < 0.3) tag = `t_${i}`;
    if (quotes && rng() < 0.2) tag = pick(rng, [`"${tag}"`, `"a${delimiter}b"`, `"say ""hi"""`, `"open`]);
    lines.push([r.id, r.key, r.ts, numberText(rng, r.value), tag, pick(rng, FLAGS)].join(delimiter));
  });
  const path = join(dir, `case-${c.seed}.csv`);
  const text = lines.join(crlf ? '\r\n' : '\n') + (rng() < 0.7 ? (crlf ? '\r\n' : '\n') : '');
  writeFileSync(path, (bom ? '\ufeff' : '') + text);
  const native = !(crlf || bom || text.startsWith('\n') || text.includes('\n\n') || text.includes('"'));
  const describe = `seed ${c.seed}: ${delimiter === ';' ? 'semicolons, ' : ''}${header ? '' : 'no header, '}timestamp by ${timestamp}${crlf ? ', CRLF' : ''}${bom ? ', BOM' : ''}${blank ? ', blank lines' : ''}${quotes ? ', quotes' : ''}${rejects ? ', rejected lines' : ''}${underscores ? ', underscores' : ''}; ${c.describe}`;
  return { path, delimiter, header, timestamp, native, rejects: rejectsWritten, describe };
}

/** The case's pipeline over the CSV file: its rows, windowed or rolling result, late output and dead letters. */
export function buildCsvPipeline(c: RandomCase, f: CsvCase) {
  const env = new StreamEnvironment({ parallelism: c.parallelism });
  const schema = f.header ? undefined : ({ id: 'number', key: 'string', ts: 'number', value: 'number', tag: 'string', flag: 'boolean' } as const);
  const lag = c.spec.maxOutOfOrderness;
  const file = env.fromCsv<Rec>(f.path, {
    delimiter: f.delimiter,
    header: f.header,
    inferRows: INFER_ROWS,
    ...(schema !== undefined ? { schema } : {}),
    ...(f.timestamp === 'option' ? { timestamp: 'ts', maxOutOfOrderness: lag } : {}),
  });
  let s: DataStream<Rec> = file;
  const steps = (x: typeof s): typeof s => {
    let y = x;
    if (c.filter) y = y.filter(c.filter);
    if (c.map) y = y.map(c.map);
    return y;
  };
  if (f.timestamp !== 'option') {
    if (c.before) s = steps(s);
    s = f.timestamp === 'field' ? s.withWatermarks({ timestamp: 'ts', maxOutOfOrderness: lag }) : s.withWatermarks({ timestamp: (r) => r.ts, maxOutOfOrderness: lag });
    if (!c.before) s = steps(s);
  } else {
    s = steps(s);
  }
  const keyed = c.key === 'key' ? s.keyBy('key') : s.keyBy(c.key);
  const dead = file.deadLetters();
  if (c.kind === 'rolling') return { rows: file, result: keyed.aggregate(runtimeAggregates), late: null, dead };
  const result = keyed.window(assignerOf(c.spec.window)).allowedLateness(c.spec.allowedLateness).aggregate(runtimeAggregates);
  return { rows: file, result, late: result.lateOutput(), dead };
}
