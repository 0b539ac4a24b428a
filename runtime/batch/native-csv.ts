// CSV files read by DuckDB itself (read_csv) instead of through Rivulet's reader and the appender. The layout
// (column names and types) is Rivulet's own: its reader reads the header and infers the types from the first
// rows. DuckDB then reads every line strictly with those types (no auto-detection), in the file's line order
// (row_number() OVER () is a streaming window: DuckDB runs it in one thread, in the order of the scan).
//
// The fast path is narrow, so that it is exactly Rivulet's reading or not taken at all:
// - refused at compile time (Rivulet's reader then reads the file): a file holding quotes, carriage returns,
//   NUL bytes, a byte order mark or blank lines; fewer than two columns; a whitespace delimiter (Rivulet skips
//   a line of delimiters as blank); column names Rivulet's rows cannot hold as they are;
// - refused while running (the query fails and the run falls back to Rivulet's reader): a line with another
//   number of fields, a number DuckDB reads and Rivulet does not ('inf', 'nan', '1_000', or one that
//   overflows), a boolean other than true/false/True/False/TRUE/FALSE, a timestamp that is not a number (ISO
//   dates), an event time that is not a finite number. The check is a filter on every column below the
//   numbering window, which no later step can skip (DuckDB converts only the columns a query uses).
// When the query succeeds, Rivulet's reader would have found no dead letter in the file.
import type { LogicalNode } from '../graph/node.ts';
import type { CsvFileSource } from '../connectors/source.ts';
import { scanCsvBytes } from './csv-bytes.ts';
import { quoteIdent, sqlString, type Schema } from './schema.ts';

/** The message of the SQL error raised when a value does not read as Rivulet's reader reads it. */
export const NATIVE_CSV_REJECT = 'rivulet_native_csv_reject';
/** The message of the SQL error raised when a row assumed on time is not (the query is compiled again). */
export const NATIVE_CSV_LATE = 'rivulet_native_csv_late';

type CsvType = ReturnType<CsvFileSource['layout']>['types'][number];

export interface NativeCsv {
  path: string;
  file: CsvFileSource;
  columns: string[];
  types: CsvType[];
  /** Number columns are read as text and checked for '_' (the file holds one somewhere). */
  textNumbers: boolean;
  schema: Schema;
}

const BOOLEANS = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'];

/** Whether DuckDB may read the source's file itself, and how; null when Rivulet's reader must read it. */
export function nativeCsv(node: LogicalNode): NativeCsv | null {
  const file = node.source?.csv;
  if (file === undefined || file.delimiter.trim() === '') return null;
  const { columns, types, dataStart } = file.layout();
  if (columns.length < 2 || new Set(columns).size !== columns.length) return null;
  if (columns.some((c) => c.startsWith('__'))) return null;
  const bytes = scanCsvBytes(file.path);
  if (bytes.unsafe !== null) return null;
  if (file.header && dataStart !== bytes.firstLineEnd) return null;
  const schema: Schema = {
    columns: columns.map((name, i) => ({ name, path: [name], type: types[i] === 'boolean' ? 'boolean' : types[i] === 'string' ? 'string' : 'number', optional: false, integral: false })),
    scalar: false,
  };
  return { path: file.path, file, columns, types, textNumbers: bytes.underscore, schema };
}

const numeric = (t: CsvType): boolean => t === 'number' || t === 'timestamp';

/** The SELECT of the file's rows in line order: the columns and __seq, every value checked. */
export function nativeCsvSelect(n: NativeCsv): string {
  const readType = (t: CsvType): string => (numeric(t) && !n.textNumbers ? 'DOUBLE' : 'VARCHAR');
  const cols = n.columns.map((c, i) => `${sqlString(c)}: '${readType(n.types[i] as CsvType)}'`).join(', ');
  const reader =
    `read_csv(${sqlString(n.path)}, columns={${cols}}, header=${n.file.header}, delim=${sqlString(n.file.delimiter)}, ` +
    `quote='"', escape='"', auto_detect=false, strict_mode=true)`;
  const exprs: string[] = [];
  const checks: string[] = [];
  n.columns.forEach((name, i) => {
    const c = quoteIdent(name);
    const t = n.types[i] as CsvType;
    if (numeric(t) && n.textNumbers) {
      exprs.push(`TRY_CAST(${c} AS DOUBLE)`);
      checks.push(`(${c} IS NULL OR (strpos(${c}, '_') = 0 AND isfinite(TRY_CAST(${c} AS DOUBLE))))`);
    } else if (numeric(t)) {
      exprs.push(c);
      checks.push(`(${c} IS NULL OR isfinite(${c}))`);
    } else if (t === 'boolean') {
      exprs.push(`(lower(${c}) = 'true')`);
      checks.push(`(${c} IS NULL OR ${c} IN (${BOOLEANS.map(sqlString).join(', ')}))`);
    } else {
      exprs.push(c);
    }
  });
  const values = exprs.map((e, i) => `${e} AS ${quoteIdent(n.columns[i] as string)}`);
  const where = checks.length === 0 ? '' : ` WHERE CASE WHEN ${checks.join(' AND ')} THEN TRUE ELSE error('${NATIVE_CSV_REJECT}') END`;
  return `SELECT ${[...values, 'row_number() OVER () AS __seq'].join(', ')} FROM ${reader}${where}`;
}

/**
 * The rows with event time `ts` (SQL over the row's columns) and the watermark each sees at its arrival, as
 * the streaming engine's assigner advances it (the largest timestamp before the row, minus
 * maxOutOfOrderness + 1): streaming windows over the scan, with no sort. An event time that is not a finite
 * number makes the run fall back (the streaming engine stops there, or the row is a dead letter). With
 * `assumeOnTime`, later steps are compiled for rows that are all on time (above their watermark; sliding
 * windows then aggregate by pane), and a row that is not raises NATIVE_CSV_LATE, so that the run compiles the
 * query again without that assumption.
 */
export function nativeCsvWatermarks(n: NativeCsv, ts: string, maxOutOfOrderness: number, assumeOnTime: boolean): string {
  const lag = maxOutOfOrderness + 1;
  const timed = `SELECT * FROM (SELECT *, ${ts} AS __ts FROM (${nativeCsvSelect(n)})) WHERE CASE WHEN isfinite(__ts) THEN TRUE ELSE error('${NATIVE_CSV_REJECT}') END`;
  const highest = `SELECT *, max(__ts) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS __cm FROM (${timed})`;
  const marked = `SELECT * EXCLUDE (__cm), coalesce(lag(__cm) OVER () - ${lag}, '-Infinity'::DOUBLE) AS __wm FROM (${highest})`;
  return assumeOnTime ? `SELECT * FROM (${marked}) WHERE CASE WHEN __ts > __wm THEN TRUE ELSE error('${NATIVE_CSV_LATE}') END` : marked;
}
