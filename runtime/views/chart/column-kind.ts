// What kind of values a column holds, read from its cells: time (Date objects, or numbers that look like
// epoch milliseconds between 2000 and 2100), number, text, or unknown when it has no values yet. The kind
// decides a field's Vega-Lite type: temporal, quantitative or nominal.
import type { ChartRow } from './chart-data.ts';

export type ColumnKind = 'time' | 'number' | 'text' | 'unknown';

const EPOCH_MS_MIN = Date.UTC(2000, 0, 1);
const EPOCH_MS_MAX = Date.UTC(2100, 0, 1);

export function columnKind(rows: readonly ChartRow[], column: string): ColumnKind {
  let numbers = 0;
  let epochs = 0;
  let dates = 0;
  let others = 0;
  for (const row of rows) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    if (typeof v === 'number' || typeof v === 'bigint') {
      if (typeof v === 'number' && !Number.isFinite(v)) continue;
      numbers++;
      const n = Number(v);
      if (n >= EPOCH_MS_MIN && n < EPOCH_MS_MAX) epochs++;
    } else if (v instanceof Date) {
      dates++;
    } else {
      others++;
    }
  }
  if (others > 0) return 'text';
  if (dates > 0) return numbers === 0 || epochs === numbers ? 'time' : 'text';
  if (numbers === 0) return 'unknown';
  return epochs === numbers ? 'time' : 'number';
}
