// The one embedded DuckDB instance of the process (in memory, created on first use) and what the batch mode
// does with it: load rows into a table through the DataChunk appender, and run a query into plain JS rows
// (BIGINT and HUGEINT become numbers when safe, bigint otherwise).
import { DuckDBInstance, DuckDBDataChunk, DOUBLE, VARCHAR, BOOLEAN, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { quoteIdent, SQL_TYPE, type Schema, type ColumnType } from './schema.ts';

let connection: Promise<DuckDBConnection> | undefined;

/** The shared connection (one in-memory instance per process). */
export function duckdb(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
  return connection;
}

const CHUNK = 2048;
const DUCK_TYPE: Record<ColumnType, DuckDBType> = { number: DOUBLE, string: VARCHAR, boolean: BOOLEAN, null: DOUBLE, list: DOUBLE };

function pathGetter(path: string[]): (r: any) => unknown {
  const [a, b, ...rest] = path;
  if (b === undefined) return (r) => r[a as string];
  if (rest.length === 0) return (r) => r[a as string]?.[b];
  return (r) => path.reduce((o: any, k) => (o === null || o === undefined ? undefined : o[k]), r);
}

/** Extra columns computed in JavaScript while loading (the watermark of a source's rows). */
export interface ExtraColumn {
  name: string;
  values: ArrayLike<number>;
}

/** (Re)creates table `name` with the schema's columns, `extra` columns and `__seq` (arrival order) and appends the rows. */
export async function loadTable(con: DuckDBConnection, name: string, schema: Schema, rows: readonly unknown[], extra: ExtraColumn[] = []): Promise<void> {
  const cols = schema.columns;
  const defs = cols.map((c) => `${quoteIdent(c.name)} ${SQL_TYPE[c.type]}`);
  const extraDefs = extra.map((e) => `${quoteIdent(e.name)} DOUBLE`);
  await con.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} (${[...defs, ...extraDefs, '__seq BIGINT'].join(', ')})`);
  const appender = await con.createAppender(name, 'main', 'temp');
  const types = [...cols.map((c) => DUCK_TYPE[c.type]), ...extra.map(() => DOUBLE), DUCK_TYPE.number];
  const getters = cols.map((c) => (schema.scalar ? (r: any) => r : pathGetter(c.path)));
  for (let at = 0; at < rows.length; at += CHUNK) {
    const n = Math.min(CHUNK, rows.length - at);
    const chunk = DuckDBDataChunk.create(types, n);
    getters.forEach((get, c) => {
      const vec = chunk.getColumnVector(c);
      for (let i = 0; i < n; i++) {
        const v = get(rows[at + i]);
        vec.setItem(i, v === undefined ? null : (v as never));
      }
      vec.flush();
    });
    extra.forEach((e, k) => {
      const vec = chunk.getColumnVector(cols.length + k);
      for (let i = 0; i < n; i++) vec.setItem(i, e.values[at + i] as never);
      vec.flush();
    });
    const seq = chunk.getColumnVector(cols.length + extra.length);
    for (let i = 0; i < n; i++) seq.setItem(i, at + i);
    seq.flush();
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
