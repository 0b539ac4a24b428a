// Runs a stream's pipeline on DuckDB: compiles it to one query, loads its sources through the appender,
// runs the query on the shared instance and turns the result back into the rows collect() returns
// (nested fields rebuilt, absent fields left out, plain values unwrapped). Also the 'auto' engine's fallback.
import type { DataStream } from '../api/data-stream.ts';
import type { CollectOptions } from '../api/batch-hooks.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { compileStream } from './compile.ts';
import { LATE_JOIN_MARK } from './join-sql.ts';
import { duckdb, loadTable, queryRows } from './duckdb-session.ts';
import type { Schema } from './schema.ts';
import { NATIVE_CSV_LATE } from './native-csv.ts';

let runs = 0;
/** How many runs had to read a CSV file through Rivulet's reader after DuckDB's reading of it was refused. */
export const nativeCsvFallbacks = { count: 0 };
/** How many runs over CSV files DuckDB reads were compiled again because a row assumed on time was late. */
export const nativeCsvLateRetries = { count: 0 };

/** A query over files DuckDB read itself failed: the run is repeated with Rivulet's readers. */
class NativeReadFailed extends Error {}
/** A row of a CSV file DuckDB read itself was late where the query assumed none is. */
class NativeRowLate extends Error {}

/** The SQL that collect({ engine: 'duckdb' }) runs for this stream. */
export function explainBatch(stream: DataStream<unknown>): string {
  const { compiler, relation } = compileStream(stream.node);
  return compiler.query(relation);
}

/** The stream's final contents computed by DuckDB. */
export async function collectOnDuckDB(stream: DataStream<unknown>): Promise<unknown[]> {
  try {
    try {
      return await runOnDuckDB(stream, true, true);
    } catch (e) {
      if (!(e instanceof NativeRowLate)) throw e;
      nativeCsvLateRetries.count++;
      return await runOnDuckDB(stream, true, false);
    }
  } catch (e) {
    if (!(e instanceof NativeReadFailed)) throw e;
    // DuckDB refused a line of a CSV file it read itself (or a value it reads unlike Rivulet's reader).
    nativeCsvFallbacks.count++;
    return runOnDuckDB(stream, false, false);
  }
}

async function runOnDuckDB(stream: DataStream<unknown>, native: boolean, assumeOnTime: boolean): Promise<unknown[]> {
  const prefix = `rv${++runs}`;
  const { compiler, relation } = compileStream(stream.node, prefix, native, assumeOnTime);
  const con = await duckdb();
  try {
    const sql = compiler.query(relation);
    for (const t of compiler.tables) await loadTable(con, t.name, t.schema, t.rows, t.extra);
    let rows: Record<string, unknown>[];
    try {
      rows = (await queryRows(con, sql)).rows;
    } catch (e) {
      const message = (e as Error).message;
      if (compiler.nativeFiles.size > 0 && message.includes(NATIVE_CSV_LATE)) throw new NativeRowLate(message);
      if (compiler.nativeFiles.size > 0 && !message.includes(LATE_JOIN_MARK)) throw new NativeReadFailed(message);
      if (message.includes(LATE_JOIN_MARK)) {
        throw new RivuletError('BATCH_UNTRANSLATABLE', {
          step: 'join',
          kind: 'join',
          reason: 'some elements are behind their own input\'s watermark, so which of them the join drops depends on how its two inputs interleave (only the streaming engine decides that)',
        });
      }
      throw new RivuletError('SQL_FAILED', { message, hint: 'This is a bug in the batch mode: please report the pipeline.' });
    }
    return rows.map(rowMaker(relation.schema));
  } finally {
    for (const t of compiler.tables) await con.run(`DROP TABLE IF EXISTS temp."${t.name}"`);
  }
}

export interface CollectedRows<T> extends Array<T> {
  /** Which engine computed the rows (collect with engine 'auto' may fall back to 'streaming'). */
  engine?: 'duckdb' | 'streaming';
}

/** collect(options): the engine asked for; 'auto' falls back to the streaming engine with a notice. */
export async function collectWith(stream: DataStream<unknown>, options: CollectOptions): Promise<unknown[]> {
  if (typeof options !== 'object' || options === null) throw new RivuletError('BAD_ENGINE', { got: options });
  const engine = options.engine ?? 'streaming';
  if (engine === 'streaming') return stream.collect();
  if (engine === 'duckdb') return tag(await collectOnDuckDB(stream), 'duckdb');
  if (engine !== 'auto') throw new RivuletError('BAD_ENGINE', { got: engine });
  try {
    return tag(await collectOnDuckDB(stream), 'duckdb');
  } catch (e) {
    if (!(e instanceof RivuletError) || e.code !== 'BATCH_UNTRANSLATABLE') throw e;
    const why = e.message.slice(0, e.message.length - e.hint.length).trim();
    console.info(`[rivulet] engine 'auto': running on the streaming engine. ${why}`);
    return tag(await stream.collect(), 'streaming');
  }
}

function tag(rows: unknown[], engine: 'duckdb' | 'streaming'): unknown[] {
  Object.defineProperty(rows, 'engine', { value: engine, enumerable: false });
  return rows;
}

/** Turns a result row (flat columns) into the row the streaming engine would give. */
function rowMaker(schema: Schema): (row: Record<string, unknown>) => unknown {
  if (schema.scalar) return (row) => row.value;
  const cols = schema.columns;
  const flat = cols.every((c) => c.path.length === 1);
  return (row) => {
    const out: Record<string, unknown> = {};
    for (const c of cols) {
      const v = row[c.name];
      if (c.optional && v === null) continue;
      if (flat) {
        out[c.name] = v;
        continue;
      }
      let o = out;
      for (let i = 0; i < c.path.length - 1; i++) o = (o[c.path[i] as string] ??= {}) as Record<string, unknown>;
      o[c.path[c.path.length - 1] as string] = v;
    }
    return out;
  };
}
