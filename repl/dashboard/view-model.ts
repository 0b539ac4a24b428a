// What a dashboard panel shows of one view, computed from the view at one moment: the rows of its table, the
// bars (the top keys of the latest window by the view's measure), the sparkline series (the largest measure
// of each window, oldest first) and the view's progress. The measure is the first numeric column that is not
// a key or a window bound. Views that are not windowed get their series from the dashboard's own samples.
import type { View, ViewProgress } from '../../runtime/index.ts';

type Row = Record<string, unknown>;

export interface Bar {
  readonly label: string;
  readonly value: number;
}

export interface ViewModel {
  readonly name: string;
  readonly rows: Row[];
  readonly total: number;
  readonly measure: string | null;
  readonly bars: Bar[];
  /** One value per window (windowed views), oldest first; empty otherwise. */
  readonly series: number[];
  readonly windowed: boolean;
  readonly progress: ViewProgress;
}

const BOUNDS = new Set(['key', 'windowStart', 'windowEnd', 'op']);

export function viewModel(view: View<unknown>, opts: { rows: number; bars: number }): ViewModel {
  const all = view.rows() as Row[];
  const first = all[0];
  const measure = first === undefined ? null : measureOf(first);
  const windowed = first !== undefined && typeof first.windowEnd === 'number';
  return {
    name: view.name,
    rows: (view.top(opts.rows) as Row[]).map(plain),
    total: all.length,
    measure,
    bars: measure === null ? [] : barsOf(all, measure, windowed, opts.bars),
    series: measure !== null && windowed ? seriesOf(all, measure) : [],
    windowed,
    progress: view.progress(),
  };
}

export function measureOf(row: Row): string | null {
  for (const [k, v] of Object.entries(row)) if (!BOUNDS.has(k) && typeof v === 'number') return k;
  return null;
}

function labelOf(row: Row): string {
  if ('key' in row) return String(row.key);
  const text = Object.values(row).find((v) => typeof v === 'string');
  return text === undefined ? '' : String(text);
}

/** The top `n` rows by `measure`: of the latest window when windowed. */
export function barsOf(rows: readonly Row[], measure: string, windowed: boolean, n: number): Bar[] {
  let pick = rows;
  if (windowed) {
    const latest = Math.max(...rows.map((r) => r.windowEnd as number));
    pick = rows.filter((r) => r.windowEnd === latest);
  }
  return pick
    .filter((r) => typeof r[measure] === 'number')
    .map((r) => ({ label: labelOf(r), value: r[measure] as number }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, n);
}

/** The largest `measure` of each window, by window end, oldest first. */
export function seriesOf(rows: readonly Row[], measure: string): number[] {
  const byEnd = new Map<number, number>();
  for (const r of rows) {
    const end = r.windowEnd as number;
    const v = r[measure];
    if (typeof v !== 'number') continue;
    byEnd.set(end, Math.max(byEnd.get(end) ?? -Infinity, v));
  }
  return [...byEnd.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

function plain(r: Row): Row {
  return typeof r === 'object' && r !== null ? r : { value: r };
}
