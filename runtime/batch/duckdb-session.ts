// The one embedded DuckDB instance of the process (in memory, created on first use) and what the batch mode
// does with it: load rows into a table through the DataChunk appender, and run a query into plain JS rows
// (BIGINT and HUGEINT become numbers when safe, bigint otherwise).
import { DuckDBInstance, DuckDBDataChunk, DOUBLE, VARCHAR, BOOLEAN, type DuckDBConnection, type DuckDBType, type DuckDBVector } from '@duckdb/node-api';
import { fieldGetter, fillNumbers } from './number-columns.ts';
import { quoteIdent, SQL_TYPE, type Schema, type ColumnType } from './schema.ts';

let connection: Promise<DuckDBConnection> | undefined;

/** The shared connection (one in-memory instance per process). */
export function duckdb(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
  return connection;
}

const CHUNK = 2048;
const DUCK_TYPE: Record<ColumnType, DuckDBType> = { number: DOUBLE, string: VARCHAR, boolean: BOOLEAN, null: DOUBLE, list: DOUBLE };

/** Extra columns computed in JavaScript for loading (event time, watermarks): computed when loaded. */
export interface ExtraColumn {
  name: string;
  values(): ArrayLike<number>;
}

/** The Float64Array a DOUBLE vector is written from before flush(), when this version of the API has one. */
function doubleItems(vec: DuckDBVector, n: number): Float64Array | null {
  const items = (vec as unknown as { items?: unknown }).items;
  return items instanceof Float64Array && items.length === n ? items : null;
}

/** How one column's values are written into a chunk's vector. */
type WriteColumn = (vec: DuckDBVector, at: number, n: number) => void;

function byValue(vec: DuckDBVector, get: (i: number) => unknown, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = get(i);
    vec.setItem(i, v === undefined ? null : (v as never));
  }
}

/** A schema column: numbers copied straight into the vector's buffer when every one in the chunk is a number. */
function writeField(schema: Schema, c: Schema['columns'][number], rows: readonly unknown[]): WriteColumn {
  const get = schema.scalar ? (r: unknown) => r : fieldGetter(c.path);
  return (vec, at, n) => {
    const items = c.type === 'number' ? doubleItems(vec, n) : null;
    if (items === null || !fillNumbers(rows, c.path, schema.scalar, at, n, items)) byValue(vec, (i) => get(rows[at + i]), n);
    vec.flush();
  };
}

function writeNumbers(values: ArrayLike<number>): WriteColumn {
  return (vec, at, n) => {
    const items = doubleItems(vec, n);
    if (items !== null && values instanceof Float64Array) items.set(values.subarray(at, at + n));
    else byValue(vec, (i) => values[at + i], n);
    vec.flush();
  };
}

/** (Re)creates table `name` with the schema's columns, `extra` columns and `__seq` (arrival order) and appends the rows. */
export async function loadTable(con: DuckDBConnection, name: string, schema: Schema, rows: readonly unknown[], extra: ExtraColumn[] = []): Promise<void> {
  const cols = schema.columns;
  const defs = cols.map((c) => `${quoteIdent(c.name)} ${SQL_TYPE[c.type]}`);
  const extraDefs = extra.map((e) => `${quoteIdent(e.name)} DOUBLE`);
  await con.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} (${[...defs, ...extraDefs, '__seq BIGINT'].join(', ')})`);
  const appender = await con.createAppender(name, 'main', 'temp');
  const types = [...cols.map((c) => DUCK_TYPE[c.type]), ...extra.map(() => DOUBLE), DUCK_TYPE.number];
  const seq = new Float64Array(CHUNK);
  const writers: WriteColumn[] = [
    ...cols.map((c) => writeField(schema, c, rows)),
    ...extra.map((e) => writeNumbers(e.values())),
    (vec, at, n) => {
      for (let i = 0; i < n; i++) seq[i] = at + i;
      writeNumbers(seq)(vec, 0, n);
    },
  ];
  for (let at = 0; at < rows.length; at += CHUNK) {
    const n = Math.min(CHUNK, rows.length - at);
    const chunk = DuckDBDataChunk.create(types, n);
    writers.forEach((write, c) => write(chunk.getColumnVector(c), at, n));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** Runs `sql` and returns its rows as plain objects, with integers converted to numbers when safe. */
export async function queryRows(con: DuckDBConnection, sql: string): Promise<{ names: string[]; rows: Record<string, unknown>[] }> {
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  const columns = reader.getColumnsJS();
  const n = reader.currentRowCount;
  const rows = new Array<Record<string, unknown>>(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) row[names[c] as string] = plain((columns[c] as unknown[])[i]);
    rows[i] = row;
  }
  return { names, rows };
}

/** A DuckDB value as a plain JS value: safe bigints as numbers, nested lists and structs converted too. */
export function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(plain);
  return v;
}
