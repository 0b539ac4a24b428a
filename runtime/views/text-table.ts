// Renders rows as a plain-text table for terminals: a header, aligned columns (numbers right-aligned),
// cells cut to fit a given width, and a footer line saying how many rows were left out.

export interface TextTableOptions {
  /** Columns to show, in order (default: the keys of the first row). */
  columns?: string[];
  /** Total width to fit (default 100). */
  width?: number;
  /** Most rows to show (default all). */
  limit?: number;
  /** Rows in all, when `rows` is already a top-N of a larger table. */
  total?: number;
  /** How to show a value (default: numbers with thousands separators, times as ISO, the rest as text). */
  format?: (value: unknown, column: string) => string;
  /** The last line (default: "showing N of M rows" when rows were left out); null for none. */
  footer?: string | null;
}

export function renderTextTable(rows: readonly Record<string, unknown>[], opts: TextTableOptions = {}): string {
  const columns = opts.columns ?? Object.keys(rows[0] ?? {});
  const shown = rows.slice(0, opts.limit ?? rows.length);
  const format = opts.format ?? formatCell;
  const cells = shown.map((r) => columns.map((c) => format(r[c], c)));
  const numeric = columns.map((c) => shown.length > 0 && shown.every((r) => typeof r[c] === 'number' || typeof r[c] === 'bigint' || r[c] == null));
  const widths = fitWidths(columns, cells, opts.width ?? 100);
  const line = (values: string[]): string =>
    values.map((v, i) => pad(cut(v, widths[i] as number), widths[i] as number, numeric[i] as boolean)).join('  ').trimEnd();
  const out = [line(columns), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const row of cells) out.push(line(row));
  const total = opts.total ?? rows.length;
  if (opts.footer !== undefined) {
    if (opts.footer !== null) out.push(cut(opts.footer, opts.width ?? 100));
  } else if (shown.length === 0) out.push('(no rows yet)');
  else if (total > shown.length) out.push(`showing ${shown.length} of ${total} rows`);
  return out.join('\n');
}

/** Whether a number in this column is shown as a time of day: epoch milliseconds in a window or time column. */
export function isTimeValue(v: number, column: string): boolean {
  return /^window(Start|End)$|time$|Time$/.test(column) && v > 1e11 && v < 1e13;
}

// Made once: number.toLocaleString builds a formatter on every call, ten times slower.
const INTEGER = new Intl.NumberFormat('en-US');
const FRACTION = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

export function formatCell(v: unknown, column = ''): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (isTimeValue(v, column)) return new Date(v).toISOString().slice(11, 23);
    return Number.isInteger(v) ? INTEGER.format(v) : FRACTION.format(v);
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  return JSON.stringify(v) ?? String(v);
}

function fitWidths(columns: string[], cells: string[][], total: number): number[] {
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] as string).length)));
  const budget = Math.max(columns.length * 4, total - 2 * (columns.length - 1));
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    widths[widest] = (widths[widest] as number) - 1;
  }
  return widths;
}

function cut(s: string, w: number): string {
  return s.length <= w ? s : s.slice(0, Math.max(0, w - 1)) + '…';
}

function pad(s: string, w: number, right: boolean): string {
  return right ? s.padStart(w) : s.padEnd(w);
}
