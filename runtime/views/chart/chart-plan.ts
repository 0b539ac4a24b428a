// Deciding what a chart shows before writing any Vega-Lite: which column goes on x, y and color, the
// field types, the mark, the top-N cut and the titles. Window results (columns key, windowStart,
// windowEnd + aggregates) become one line per key over windowEnd; other tables become bars of y by key
// (or by the first text column). Because the input is the materialized table, a window updated by the
// changelog is one row, so it moves its point rather than adding one.
import { RivuletError } from '../../errors/rivulet-error.ts';
import { chartValues, readChartTable, type ChartInput, type ChartValue } from './chart-data.ts';
import { checkChartOptions, checkColumn, type ChartMark, type ChartOptions } from './chart-options.ts';
import { columnKind, type ColumnKind } from './column-kind.ts';
import { topN } from './top-n.ts';

export type FieldType = 'temporal' | 'quantitative' | 'nominal';

export interface ChartPlan {
  /** series: lines/points/areas over x; bars: one bar per category; empty: no columns yet. */
  kind: 'series' | 'bars' | 'empty';
  mark: ChartMark;
  x: { field: string; type: FieldType };
  y: string[];
  color?: string;
  /** Inline data: the kept rows, restricted to the charted fields. */
  values: Record<string, ChartValue>[];
  /** The field the top-N cut ranks (color for series, x for bars), its kept values (largest first), and how many there were. */
  ranked?: { field: string; keys: ChartValue[]; total: number };
  title: string;
  subtitle?: string;
  width: number;
  height: number;
}

export const DEFAULT_TOP_N = 10;
const STRUCTURAL = new Set(['key', 'windowStart', 'windowEnd', 'op']);

export function planChart(input: ChartInput, options: ChartOptions = {}): ChartPlan {
  checkChartOptions(options);
  const { columns, rows } = readChartTable(input);
  const width = options.width ?? 480;
  const height = options.height ?? 240;
  const ys = options.y === undefined ? undefined : typeof options.y === 'string' ? [options.y] : [...options.y];
  if (columns.length === 0) {
    const title = options.title ?? 'waiting for rows';
    return { kind: 'empty', mark: options.mark ?? 'line', x: { field: options.x ?? 'x', type: 'quantitative' }, y: ys ?? [], values: [], title, width, height };
  }
  if (options.x !== undefined) checkColumn('x', options.x, columns);
  for (const y of ys ?? []) checkColumn('y', y, columns);
  if (options.color !== undefined) checkColumn('color', options.color, columns);

  const kinds = new Map<string, ColumnKind>(columns.map((c) => [c, columnKind(rows, c)]));
  const kindOf = (c: string): ColumnKind => kinds.get(c) ?? 'unknown';
  const windowed = columns.includes('windowEnd');
  const hasKey = columns.includes('key');

  // x, and whether it is a category (bars) or a position (series).
  let x = options.x;
  let category: boolean;
  if (x !== undefined) {
    category = x === 'key' || kindOf(x) === 'text' || (options.mark === 'bar' && kindOf(x) !== 'time' && !(windowed && x === 'windowEnd'));
  } else if (windowed) {
    x = 'windowEnd';
    category = false;
  } else {
    const time = columns.find((c) => kindOf(c) === 'time');
    x = hasKey ? 'key' : columns.find((c) => kindOf(c) === 'text') ?? time ?? (columns[0] as string);
    category = x !== time;
  }
  const xField: string = x;

  const color = options.color ?? (!category && hasKey && xField !== 'key' ? 'key' : undefined);
  const y = ys ?? [defaultY(columns, kindOf, new Set([xField, ...(color === undefined ? [] : [color])]))];
  for (const c of y) {
    const k = kindOf(c);
    if (k === 'text') {
      const numeric = columns.filter((n) => kindOf(n) === 'number');
      throw new RivuletError('BAD_ARGUMENT', {
        where: 'chart', name: 'y', expected: 'a numeric column', got: c,
        hint: numeric.length > 0 ? `Numeric columns: ${numeric.join(', ')}.` : 'The table has no numeric column; chart a count or an aggregate.',
      });
    }
  }

  const mark: ChartMark = options.mark ?? (category ? 'bar' : kindOf(xField) === 'number' && !windowed ? 'point' : 'line');
  const xKind = kindOf(xField);
  const xType: FieldType = category ? 'nominal'
    : xKind === 'time' || (xKind === 'unknown' && (xField === 'windowEnd' || xField === 'windowStart')) ? 'temporal'
    : xKind === 'text' ? 'nominal' : 'quantitative';

  const fields = [...new Set([xField, ...y, ...(color === undefined ? [] : [color])])];
  let values = chartValues(rows, fields);
  const rankField = color ?? (category ? xField : undefined);
  let ranked: ChartPlan['ranked'];
  if (rankField !== undefined) {
    const cut = topN(values, rankField, y[0] as string, options.topN ?? DEFAULT_TOP_N);
    values = cut.values;
    ranked = { field: rankField, keys: cut.keys, total: cut.total };
  }
  const noun = (f: string): string => (f === 'key' ? 'keys' : `${f} values`);
  const subtitle = ranked !== undefined && ranked.total > ranked.keys.length
    ? `top ${ranked.keys.length} of ${ranked.total} ${noun(ranked.field)}` : undefined;
  const title = options.title ?? (category ? `${y.join(', ')} by ${xField}` : `${y.join(', ')}${color === undefined ? '' : ` per ${color}`}`);

  return {
    kind: category ? 'bars' : 'series', mark, x: { field: xField, type: xType }, y,
    ...(color === undefined ? {} : { color }),
    values,
    ...(ranked === undefined ? {} : { ranked }),
    title,
    ...(subtitle === undefined ? {} : { subtitle }),
    width, height,
  };
}

function defaultY(columns: readonly string[], kindOf: (c: string) => ColumnKind, taken: Set<string>): string {
  const candidates = columns.filter((c) => !STRUCTURAL.has(c) && !taken.has(c));
  const y = candidates.find((c) => kindOf(c) === 'number') ?? candidates.find((c) => kindOf(c) === 'unknown');
  if (y !== undefined) return y;
  throw new RivuletError('BAD_ARGUMENT', {
    where: 'chart', name: 'y', expected: 'a numeric column to plot', got: undefined,
    hint: `No aggregate or numeric column was found among: ${columns.join(', ')}. Pass { y: 'column' }.`,
  });
}
