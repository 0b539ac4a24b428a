// env.register(name, source) and env.sql(query): DuckDB SQL over named recordings, CSV / JSONL / Parquet files,
// views (a snapshot of their table at query time) and arrays of rows. Added to StreamEnvironment from here so
// that the environment does not depend on DuckDB. Results are Arquero tables that render like views.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { StreamEnvironment } from '../api/stream-environment.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { recordingSource } from '../connectors/recording/recording-source.ts';
import { renderHtmlTable } from '../views/html-table.ts';
import { renderTextTable } from '../views/text-table.ts';
import { duckdb, loadTable, queryRows } from './duckdb-session.ts';
import { inferSchema, quoteIdent, sqlString } from './schema.ts';
import { Untranslatable } from './untranslatable.ts';

declare module '../api/stream-environment.ts' {
  interface StreamEnvironment {
    /**
     * Gives `source` a name for env.sql: a recording (.jsonl written by record()), a .csv, .jsonl/.ndjson or
     * .parquet file (read by DuckDB's own readers), a view (its table as it is when a query runs), an Arquero
     * table or an array of row objects.
     */
    register(name: string, source: SqlSource): this;
    /** Runs DuckDB SQL over the registered names; the result is an Arquero table (renders like a view). */
    sql(query: string): Promise<ColumnTable>;
    /** The names registered for env.sql. */
    sqlNames(): string[];
  }
}

/** What env.register accepts. */
export type SqlSource = string | { table(): ColumnTable } | ColumnTable | readonly Record<string, unknown>[];

const registries = new WeakMap<StreamEnvironment, Map<string, SqlSource>>();
let envIds = 0;
const envPrefix = new WeakMap<StreamEnvironment, string>();

function registry(env: StreamEnvironment): Map<string, SqlSource> {
  let r = registries.get(env);
  if (r === undefined) {
    r = new Map();
    registries.set(env, r);
    envPrefix.set(env, `env${++envIds}`);
  }
  return r;
}

function define(name: string, value: Function): void {
  Object.defineProperty(StreamEnvironment.prototype, name, { value, writable: true, configurable: true });
}

define('register', function register(this: StreamEnvironment, name: string, source: SqlSource) {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new RivuletError('BAD_ARGUMENT', { where: 'register', name: 'the name', expected: 'an SQL identifier (letters, digits, _)', got: name });
  }
  if (typeof source === 'string') fileKind(name, source);
  else if (!isTableLike(source) && !Array.isArray(source)) throw new RivuletError('BAD_SQL_SOURCE', { name, problem: 'the source is not a path, a view, a table or an array' });
  registry(this).set(name, source);
  return this;
});

define('sqlNames', function sqlNames(this: StreamEnvironment) {
  return [...registry(this).keys()];
});

define('sql', async function sql(this: StreamEnvironment, query: string): Promise<ColumnTable> {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new RivuletError('BAD_ARGUMENT', { where: 'sql', name: 'the query', expected: 'an SQL string', got: query });
  }
  const con = await duckdb();
  const prefix = envPrefix.get(this) ?? 'env0';
  const names = registry(this);
  // Registered names live in their own schema per environment, searched first.
  await con.run(`CREATE SCHEMA IF NOT EXISTS ${prefix}`);
  for (const [name, source] of names) await materialize(con, `${prefix}.${quoteIdent(name)}`, name, source);
  await con.run(`SET search_path = '${prefix},main,temp'`);
  try {
    const { names: columns, rows } = await queryRows(con, query);
    return renderable(aq.table(Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c])])), columns));
  } catch (e) {
    if (e instanceof RivuletError) throw e;
    throw new RivuletError('SQL_FAILED', { message: (e as Error).message, hint: `Registered names: ${[...names.keys()].join(', ') || 'none'} (env.register(name, source)).` });
  } finally {
    await con.run(`SET search_path = 'main'`);
  }
});

type Connection = Awaited<ReturnType<typeof duckdb>>;

async function materialize(con: Connection, target: string, name: string, source: SqlSource): Promise<void> {
  if (typeof source === 'string') {
    const kind = fileKind(name, source);
    if (kind === 'recording') return loadRows(con, target, name, readRecording(source));
    const reader = kind === 'csv' ? 'read_csv_auto' : kind === 'parquet' ? 'read_parquet' : 'read_json_auto';
    await con.run(`CREATE OR REPLACE VIEW ${target} AS SELECT * FROM ${reader}(${sqlString(source)})`);
    return;
  }
  const rows = Array.isArray(source) ? source : tableOf(source as ColumnTable).objects();
  await loadRows(con, target, name, rows as unknown[]);
}

async function loadRows(con: Connection, target: string, name: string, rows: unknown[]): Promise<void> {
  let schema;
  try {
    schema = inferSchema(rows);
  } catch (e) {
    if (e instanceof Untranslatable) throw new RivuletError('BAD_SQL_SOURCE', { name, problem: e.message });
    throw e;
  }
  const table = `rv_sql_${name}`;
  await loadTable(con, table, schema, rows);
  await con.run(`CREATE OR REPLACE VIEW ${target} AS SELECT * EXCLUDE (__seq) FROM temp.${quoteIdent(table)}`);
}

function readRecording(path: string): unknown[] {
  const reader = recordingSource(path, { speed: Infinity }).open(0, 0);
  const rows: unknown[] = [];
  while (!reader.done) {
    const got = reader.read(65536, Infinity) as { e?: unknown }[];
    for (const ev of got) if (ev !== null && typeof ev === 'object' && 'e' in ev) rows.push(ev.e);
    if (got.length === 0) break;
  }
  return rows;
}

function fileKind(name: string, path: string): 'recording' | 'csv' | 'json' | 'parquet' {
  if (!existsSync(path)) throw new RivuletError('BAD_SQL_SOURCE', { name, problem: `no file at ${path}` });
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.parquet$/i.test(path)) return 'parquet';
  if (/\.(jsonl|ndjson|json)$/i.test(path)) return isRecording(path) ? 'recording' : 'json';
  throw new RivuletError('BAD_SQL_SOURCE', { name, problem: `${path} is not a .csv, .jsonl, .ndjson, .json or .parquet file` });
}

function isRecording(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, 256, 0);
    return /^\{\s*"rivulet"\s*:\s*"recording"/.test(buf.subarray(0, n).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

function isTableLike(s: unknown): boolean {
  return typeof s === 'object' && s !== null && (typeof (s as { table?: unknown }).table === 'function' || typeof (s as { objects?: unknown }).objects === 'function');
}

function tableOf(s: { table(): ColumnTable } | ColumnTable): ColumnTable {
  return typeof (s as ColumnTable).objects === 'function' ? (s as ColumnTable) : (s as { table(): ColumnTable }).table();
}

/** Gives a result table the renderings of a view: mimeBundle() (HTML and text) and a text toString(). */
function renderable(t: ColumnTable): ColumnTable {
  const columns = t.columnNames();
  const text = (): string => renderTextTable(t.objects() as Record<string, unknown>[], { columns, limit: 50, total: t.numRows() });
  const html = (): string => {
    const rows = t.objects({ limit: 50 }) as Record<string, unknown>[];
    const footer = t.numRows() > rows.length ? `showing ${rows.length} of ${t.numRows()} rows` : `${t.numRows()} rows`;
    return renderHtmlTable(rows, { columns, footer });
  };
  Object.defineProperty(t, 'mimeBundle', { value: async () => ({ 'text/html': html(), 'text/plain': text() }), enumerable: false });
  Object.defineProperty(t, 'toString', { value: text, enumerable: false });
  return t;
}
