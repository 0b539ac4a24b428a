// What a chart reads: the columns and rows of a materialized view, from an Arquero table or plain row
// objects, and how a cell becomes a JSON-safe value for inline Vega-Lite data (bigint and Date become
// numbers, NaN and Infinity become null, composite keys become their JSON text).
import type { ColumnTable } from 'arquero';

export type ChartRow = Record<string, unknown>;
export type ChartInput = ColumnTable | readonly ChartRow[];
export type ChartValue = number | string | boolean | null;

export interface ChartTable {
  columns: string[];
  rows: readonly ChartRow[];
}

function isColumnTable(input: ChartInput): input is ColumnTable {
  const t = input as Partial<ColumnTable>;
  return typeof t.objects === 'function' && typeof t.columnNames === 'function';
}

/** The columns (in table order, or in order of first appearance for rows) and rows of a chart's input. */
export function readChartTable(input: ChartInput): ChartTable {
  if (isColumnTable(input)) {
    return { columns: input.columnNames(), rows: input.objects() as ChartRow[] };
  }
  const seen = new Set<string>();
  for (const row of input) for (const c of Object.keys(row)) seen.add(c);
  return { columns: [...seen], rows: input };
}

/** A cell as a value that survives JSON and that Vega reads the same way. */
export function toChartValue(v: unknown): ChartValue {
  switch (typeof v) {
    case 'number': return Number.isFinite(v) ? v : null;
    case 'string': case 'boolean': return v;
    case 'bigint': return Number(v);
    case 'undefined': return null;
    case 'object':
      if (v === null) return null;
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
      try { return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)) ?? null; } catch { return String(v); }
    default: return String(v);
  }
}

/** Rows restricted to `fields`, each cell made JSON-safe. */
export function chartValues(rows: readonly ChartRow[], fields: readonly string[]): Record<string, ChartValue>[] {
  return rows.map((row) => {
    const out: Record<string, ChartValue> = {};
    for (const f of fields) out[f] = toChartValue(row[f]);
    return out;
  });
}
