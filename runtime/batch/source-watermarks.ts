// Event time and watermarks of a source's rows computed in JavaScript while they are loaded into DuckDB:
// the same loop as the streaming engine's WatermarkAssigner (the watermark a row sees is the one before it;
// maxTimestampSeen - maxOutOfOrderness - 1 afterwards), with the user's own timestamp function, so the
// batch mode needs no window function over arrival order for the common pipeline source → withWatermarks.
import { RivuletError } from '../errors/rivulet-error.ts';
import type { ExtraColumn } from './duckdb-session.ts';
import { numberColumn } from './number-columns.ts';

/** `keepTs` false: the timestamp is a number field already loaded, so only the watermark column is added. */
export function sourceWatermarks(rows: readonly unknown[], timestamp: string | ((row: unknown) => number | Date), maxOutOfOrderness: number, keepTs = true): { columns: ExtraColumn[]; onTime: boolean } {
  const ts = eventTimes(rows, timestamp);
  const wm = new Float64Array(rows.length);
  const lag = maxOutOfOrderness + 1;
  let maxTs = -Infinity;
  let current = -Infinity;
  let onTime = true;
  for (let i = 0; i < ts.length; i++) {
    wm[i] = current;
    const t = ts[i] as number;
    if (t - t !== 0) ts[i] = toTimestamp(t, rows[i]); // NaN or ±Infinity
    if (t <= current) onTime = false;
    if (t > maxTs) {
      maxTs = t;
      if (t - lag > current) current = t - lag;
    }
  }
  const wmColumn = { name: '__wm', values: wm };
  return { columns: keepTs ? [{ name: '__ts', values: ts }, wmColumn] : [wmColumn], onTime };
}

/** Every row's event time: a number field copied in one compiled pass, or the function's value per row. */
function eventTimes(rows: readonly unknown[], timestamp: string | ((row: unknown) => number | Date)): Float64Array {
  if (typeof timestamp === 'string') {
    const fast = numberColumn(rows, [timestamp]);
    if (fast !== null) return fast;
  }
  const tsOf = typeof timestamp === 'string' ? (row: any) => row[timestamp] : timestamp;
  const ts = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const t = tsOf(row);
    ts[i] = typeof t === 'number' ? t : toTimestamp(t, row);
  }
  return ts;
}

function toTimestamp(t: unknown, record: unknown): number {
  if (t instanceof Date && Number.isFinite(t.getTime())) return t.getTime();
  throw new RivuletError('BAD_TIMESTAMP', { got: t, record });
}
