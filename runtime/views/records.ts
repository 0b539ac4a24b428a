// Rows as records with named columns, for tables and charts: objects as they are, tuples as f0, f1, ...
// (Flink's field names), anything else as one column named value.

export type Row = Record<string, unknown>;

export function toRecord(row: unknown): Row {
  if (Array.isArray(row)) {
    const r: Row = {};
    for (let i = 0; i < row.length; i++) r[`f${i}`] = row[i];
    return r;
  }
  if (typeof row === 'object' && row !== null && !(row instanceof Date)) return row as Row;
  return { value: row };
}

/** The columns of `records`, in order of first appearance. */
export function columnsOf(records: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const c in r) seen.add(c);
  return [...seen];
}
