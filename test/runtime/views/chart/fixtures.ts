// Tables for chart tests: window results as a keyed window aggregate emits them (key, windowStart,
// windowEnd, then aggregates), with event times in epoch milliseconds.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

export const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
export const SIZE = 10_000;
export const SLIDE = 2_000;

export interface WindowRow {
  key: string;
  windowStart: number;
  windowEnd: number;
  bids: number;
  top: number;
}

/** `keys` keys × `windows` sliding windows; key i has bids = (i + 1) * 10 + w, so key k(n-1) is the largest. */
export function windowRows(keys: number, windows: number): WindowRow[] {
  const rows: WindowRow[] = [];
  for (let w = 0; w < windows; w++) {
    for (let i = 0; i < keys; i++) {
      const windowStart = T0 + w * SLIDE;
      rows.push({ key: `k${i}`, windowStart, windowEnd: windowStart + SIZE, bids: (i + 1) * 10 + w, top: 100 + i });
    }
  }
  return rows;
}

export function windowTable(keys: number, windows: number): ColumnTable {
  return aq.from(windowRows(keys, windows));
}
