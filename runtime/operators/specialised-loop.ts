// Per-instance loops around user functions. V8 inlines a called function only into a call site that has
// seen one or a few targets; a loop written once in an operator class is shared by every instance of it,
// so its `fn(row)` site sees every pipeline's function, goes megamorphic and calls out for every row. Each
// loop here is compiled from source with `new Function`, its source tagged with a serial number so V8's
// compilation cache never hands two instances the same code: every operator instance gets its own function
// (its own SharedFunctionInfo and type feedback), and V8 can inline the user's function into its loop.
// The loops are plain: no user text enters the source, only these fixed bodies. A job builds its operators
// anew at every run, so loops are kept per user function (and kind): the same function in the next run, or
// in another partition, reuses a loop V8 has already optimised.
import type { RowKind } from '../exec/batch.ts';
import type { Collector } from './flat-map.ts';
import { userFunctionFailed } from './user-function-error.ts';

let serial = 0;
const made = new WeakMap<object, Map<string, unknown>>();

/** The loop `make` builds around `fn`, built once per function and kind (a kind names the loop and its constants). */
function cached<F>(fn: object, kind: string, make: () => F): F {
  let loops = made.get(fn);
  if (loops === undefined) made.set(fn, (loops = new Map()));
  let loop = loops.get(kind) as F | undefined;
  if (loop === undefined) loops.set(kind, (loop = make()));
  return loop;
}

/** Compiles `function name(params) { body }` with `bindings` in scope, as a function of its own. */
function compile<F>(name: string, params: string, body: string, bindings: Readonly<Record<string, unknown>>): F {
  const names = Object.keys(bindings);
  const source = `'use strict';\n// ${name} #${++serial}\nreturn function ${name}(${params}) {\n${body}\n};`;
  const factory = new Function(...names, source) as (...values: unknown[]) => F;
  return factory(...names.map((n) => bindings[n]));
}

/** Wraps a user function's exception into USER_FUNCTION_FAILED naming `operation` and the record. */
function failing(operation: string): (row: unknown, e: unknown) => Error {
  return (row, e) => userFunctionFailed(operation, row, e);
}

/** res[i] = fn(rows[i]) for every row. */
export type MapLoop = (rows: readonly unknown[], res: unknown[]) => void;

export function mapLoop(fn: (row: any) => unknown, operation = 'map'): MapLoop {
  return cached(fn, `map ${operation}`, () => compile<MapLoop>('mapLoop', 'rows, res', `
  const n = rows.length;
  let i = 0;
  try {
    for (; i < n; i++) res[i] = fn(rows[i]);
  } catch (e) {
    throw fail(rows[i], e);
  }`, { fn, fail: failing(operation) }));
}

/** Writes the indices of the rows the predicate keeps into `sel` (room for every row); returns how many. */
export type FilterLoop = (rows: readonly unknown[], sel: Int32Array) => number;

export function filterLoop(pred: (row: any) => unknown, operation = 'filter'): FilterLoop {
  return cached(pred, `filter ${operation}`, () => compile<FilterLoop>('filterLoop', 'rows, sel', `
  const n = rows.length;
  let k = 0;
  let i = 0;
  try {
    for (; i < n; i++) if (pred(rows[i])) sel[k++] = i;
  } catch (e) {
    throw fail(rows[i], e);
  }
  return k;`, { pred, fail: failing(operation) }));
}

/** Appends each row's results to `out` (the collector appends there too); counts[i] = how many row i gave. */
export type FlatMapLoop = (rows: readonly unknown[], out: unknown[], collector: Collector<unknown>, counts: Int32Array) => void;

export function flatMapLoop(fn: (row: any, out: Collector<any>) => Iterable<unknown> | void | undefined): FlatMapLoop {
  return cached(fn, 'flatMap', () => compile<FlatMapLoop>('flatMapLoop', 'rows, out, collector, counts', `
  const n = rows.length;
  let i = 0;
  try {
    for (; i < n; i++) {
      const before = out.length;
      const result = fn(rows[i], collector);
      if (result != null) for (const r of result) out.push(r);
      counts[i] = out.length - before;
    }
  } catch (e) {
    throw fail(rows[i], e);
  }`, { fn, fail: failing('flatMap') }));
}

/** fn(row, kind) for every row; `ops` null means every row is an insert. */
export type SinkLoop = (rows: readonly unknown[], ops: readonly RowKind[] | null) => void;

export function sinkLoop(fn: (row: any, kind: RowKind) => void): SinkLoop {
  return cached(fn, 'sink', () => compile<SinkLoop>('sinkLoop', 'rows, ops', `
  const n = rows.length;
  let i = 0;
  try {
    if (ops === null) for (; i < n; i++) fn(rows[i], '+I');
    else for (; i < n; i++) fn(rows[i], ops[i]);
  } catch (e) {
    throw fail(rows[i], e);
  }`, { fn, fail: failing('addSink') }));
}

/** fn(map(row), kind) for every row: a map fused into its sink. An exception is named after the step that threw. */
export function mapSinkLoop(map: (row: any) => unknown, fn: (row: any, kind: RowKind) => void): SinkLoop {
  // Cached per sink function, then per map: a sink function reused with another map gets a loop of its own.
  return cached(fn, `sink after map #${mapSerial(map)}`, () => compile<SinkLoop>('mapSinkLoop', 'rows, ops', `
  const n = rows.length;
  let i = 0;
  let mapped = false;
  try {
    if (ops === null) for (; i < n; i++) { mapped = false; const r = map(rows[i]); mapped = true; fn(r, '+I'); }
    else for (; i < n; i++) { mapped = false; const r = map(rows[i]); mapped = true; fn(r, ops[i]); }
  } catch (e) {
    // The mapped row is made again for the message: kept in a variable the catch reads, it would escape, and
    // V8 could no longer leave it unallocated.
    if (!mapped) throw failMap(rows[i], e);
    let r = rows[i];
    try {
      r = map(rows[i]);
    } catch {
      // the input row names the record then
    }
    throw failSink(r, e);
  }`, { map, fn, failMap: failing('map'), failSink: failing('addSink') }));
}

let mapSerialNext = 0;
const mapSerials = new WeakMap<object, number>();
function mapSerial(map: object): number {
  let s = mapSerials.get(map);
  if (s === undefined) mapSerials.set(map, (s = ++mapSerialNext));
  return s;
}

/** A key selector of its own: key(row), an exception named as keyBy's. */
export function keySelector(key: (row: any) => unknown): (row: unknown) => unknown {
  return cached(key, 'keyBy', () => compile<(row: unknown) => unknown>('keySelector', 'row', `
  try {
    return key(row);
  } catch (e) {
    throw fail(row, e);
  }`, { key, fail: failing('keyBy') }));
}

/** The running maximum timestamp and watermark a timestamp loop carries from batch to batch. */
export interface TimestampProgress {
  maxTs: number;
  current: number;
}

/**
 * Returns the rows' event times and the watermark before each row ([ts, wm]), advancing `progress`. The
 * columns are allocated here, next to the stores that make them double arrays.
 */
export type TimestampLoop = (rows: readonly unknown[], progress: TimestampProgress) => [number[], number[]];

export function timestampLoop(
  tsOf: (row: any) => number | Date,
  lag: number,
  toTimestamp: (t: unknown, row: unknown) => number,
): TimestampLoop {
  return cached(tsOf, `timestamps ${lag}`, () => compile<TimestampLoop>('timestampLoop', 'rows, progress', `
  const n = rows.length;
  const ts = new Array(n);
  const wm = new Array(n);
  let maxTs = progress.maxTs;
  let current = progress.current;
  let i = 0;
  try {
    for (; i < n; i++) {
      wm[i] = current;
      let t = tsOf(rows[i]);
      if (typeof t !== 'number' || t - t !== 0) t = toTimestamp(t, rows[i]);
      ts[i] = t;
      if (t > maxTs) {
        maxTs = t;
        if (t - lag > current) current = t - lag;
      }
    }
  } catch (e) {
    throw fail(rows[i], e);
  }
  progress.maxTs = maxTs;
  progress.current = current;
  return [ts, wm];`, { tsOf, lag, toTimestamp, fail: failing('withWatermarks (the timestamp function)') }));
}

/** accs[i] = fns[i].add(record, accs[i]) for every aggregate of a set, unrolled, each call a site of its own. */
export function aggregateAdder(fns: readonly { add(record: any, acc: any): unknown }[]): (accs: unknown[], record: unknown) => void {
  const bindings: Record<string, unknown> = {};
  let body = '';
  fns.forEach((f, i) => {
    bindings[`f${i}`] = f;
    body += `  accs[${i}] = f${i}.add(record, accs[${i}]);\n`;
  });
  return compile('aggregateAdd', 'accs, record', body, bindings);
}

/** row[field] as a function with its own property access (a named load when the field is a name). */
export function fieldGetter(field: string | number): (row: any) => unknown {
  return compile('field', 'row', `  return row[${JSON.stringify(field)}];`, {});
}
