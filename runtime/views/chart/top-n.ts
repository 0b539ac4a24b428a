// Top-N series: a chart of many keys keeps the N keys with the largest y total (the sum of the y column
// over all their rows), ties broken by the key's text so the choice is stable between refreshes.
import type { ChartValue } from './chart-data.ts';

export interface TopNResult {
  /** The kept rows, in their original order. */
  values: Record<string, ChartValue>[];
  /** The kept keys, largest total first. */
  keys: ChartValue[];
  /** How many distinct keys there were before the cut. */
  total: number;
}

export function topN(values: Record<string, ChartValue>[], keyField: string, yField: string, n: number): TopNResult {
  const totals = new Map<ChartValue, number>();
  for (const row of values) {
    const k = row[keyField] ?? null;
    const y = row[yField];
    totals.set(k, (totals.get(k) ?? 0) + (typeof y === 'number' ? y : 0));
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0])).map(([k]) => k);
  if (ranked.length <= n) return { values, keys: ranked, total: ranked.length };
  const keys = ranked.slice(0, n);
  const keep = new Set(keys);
  return { values: values.filter((row) => keep.has(row[keyField] ?? null)), keys, total: ranked.length };
}

function compareKeys(a: ChartValue, b: ChartValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
