// Event time and watermarks of a source's rows computed in JavaScript while they are loaded into DuckDB:
// the same loop as the streaming engine's WatermarkAssigner (the watermark a row sees is the one before it;
// maxTimestampSeen - maxOutOfOrderness - 1 afterwards), with the user's own timestamp function, so the
// batch mode needs no window function over arrival order for the common pipeline source → withWatermarks.
import { RivuletError } from '../errors/rivulet-error.ts';
import type { ExtraColumn } from './duckdb-session.ts';

/** `keepTs` false: the timestamp is a number field already loaded, so only the watermark column is added. */
export function sourceWatermarks(rows: readonly unknown[], timestamp: string | ((row: unknown) => number | Date), maxOutOfOrderness: number, keepTs = true): { columns: ExtraColumn[]; onTime: boolean } {
  const n = rows.length;
  const ts = new Float64Array(n);
  const wm = new Float64Array(n);
  const tsOf = typeof timestamp === 'string' ? (row: any) => row[timestamp] : timestamp;
  const lag = maxOutOfOrderness + 1;
  let maxTs = -Infinity;
  let current = -Infinity;
  let onTime = true;
  for (let i = 0; i < n; i++) {
    wm[i] = current;
    const row = rows[i];
    let t = tsOf(row);
    if (typeof t !== 'number' || t - t !== 0) t = toTimestamp(t, row);
    ts[i] = t;
    if (t <= current) onTime = false;
    if (t > maxTs) {
      maxTs = t;
      if (t - lag > current) current = t - lag;
    }
  }
  const wmColumn = { name: '__wm', values: wm };
  return { columns: keepTs ? [{ name: '__ts', values: ts }, wmColumn] : [wmColumn], onTime };
}

function toTimestamp(t: unknown, record: unknown): number {
  if (t instanceof Date && Number.isFinite(t.getTime())) return t.getTime();
  throw new RivuletError('BAD_TIMESTAMP', { got: t, record });
}
