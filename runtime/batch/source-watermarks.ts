// Event time and watermarks of a source's rows computed in JavaScript while they are loaded into DuckDB:
// the same loop as the streaming engine's WatermarkAssigner (the watermark a row sees is the one before it;
// maxTimestampSeen - maxOutOfOrderness - 1 afterwards), with the user's own timestamp function, so the
// batch mode needs no window function over arrival order for the common pipeline source → withWatermarks.
// Whether every row is on time is found at once; the columns themselves are computed only if loaded.
import { RivuletError } from '../errors/rivulet-error.ts';
import type { ExtraColumn } from './duckdb-session.ts';
import { fillNumbers } from './number-columns.ts';

type Timestamp = string | ((row: unknown) => number | Date);
const BLOCK = 4096;

/** `keepTs` false: the timestamp is a number field already loaded, so only the watermark column is added. */
export function sourceWatermarks(rows: readonly unknown[], timestamp: Timestamp, maxOutOfOrderness: number, keepTs = true): { columns: ExtraColumn[]; onTime: boolean } {
  const lag = maxOutOfOrderness + 1;
  // A function's times are kept (the __ts column needs them; the function runs once per row).
  const kept = typeof timestamp === 'string' ? null : eventTimes(rows, timestamp);
  // Computed at most once, when the first column that needs them is loaded.
  let all = kept;
  const times = (): Float64Array => (all ??= eventTimes(rows, timestamp));
  let onTime = true;
  const marks = new WatermarkRun(lag);
  forEachTime(rows, timestamp, kept, (t) => {
    if (t <= marks.current) onTime = false;
    marks.advance(t);
  });
  const wm: ExtraColumn = { name: '__wm', values: () => watermarks(times(), lag) };
  return { columns: keepTs ? [{ name: '__ts', values: times }, wm] : [wm], onTime };
}

/** The watermark as the streaming engine advances it, record by record. */
class WatermarkRun {
  current = -Infinity;
  private max = -Infinity;
  constructor(private readonly lag: number) {}
  advance(t: number): void {
    if (t > this.max) {
      this.max = t;
      if (t - this.lag > this.current) this.current = t - this.lag;
    }
  }
}

function watermarks(ts: Float64Array, lag: number): Float64Array {
  const wm = new Float64Array(ts.length);
  const run = new WatermarkRun(lag);
  for (let i = 0; i < ts.length; i++) {
    wm[i] = run.current;
    run.advance(ts[i] as number);
  }
  return wm;
}

/** Calls `f` with every row's event time, in order, a block of a number field at a time when it can. */
function forEachTime(rows: readonly unknown[], timestamp: Timestamp, kept: Float64Array | null, f: (t: number) => void): void {
  if (kept !== null) {
    for (let i = 0; i < kept.length; i++) f(kept[i] as number);
    return;
  }
  const block = new Float64Array(BLOCK);
  for (let at = 0; at < rows.length; at += BLOCK) {
    const n = Math.min(BLOCK, rows.length - at);
    if (typeof timestamp !== 'string' || !fillNumbers(rows, [timestamp], false, at, n, block)) timesOf(rows, timestamp, at, n, block);
    for (let i = 0; i < n; i++) {
      const t = block[i] as number;
      if (t - t !== 0) toTimestamp(t, rows[at + i]); // NaN, ±Infinity
      f(t);
    }
  }
}

/** Every row's event time. */
function eventTimes(rows: readonly unknown[], timestamp: Timestamp): Float64Array {
  const ts = new Float64Array(rows.length);
  if (typeof timestamp !== 'string' || !fillNumbers(rows, [timestamp], false, 0, rows.length, ts)) timesOf(rows, timestamp, 0, rows.length, ts);
  for (let i = 0; i < ts.length; i++) if ((ts[i] as number) - (ts[i] as number) !== 0) toTimestamp(ts[i], rows[i]); // NaN, ±Infinity
  return ts;
}

/** Event times of rows [at, at + n) through the timestamp field or function, checked, into out[0, n). */
function timesOf(rows: readonly unknown[], timestamp: Timestamp, at: number, n: number, out: Float64Array): void {
  const tsOf = typeof timestamp === 'string' ? (row: any) => row?.[timestamp] : timestamp;
  for (let i = 0; i < n; i++) {
    const row = rows[at + i];
    const t = tsOf(row);
    out[i] = typeof t === 'number' && t - t === 0 ? t : toTimestamp(t, row);
  }
}

function toTimestamp(t: unknown, record: unknown): number {
  if (t instanceof Date && Number.isFinite(t.getTime())) return t.getTime();
  throw new RivuletError('BAD_TIMESTAMP', { got: t, record });
}
