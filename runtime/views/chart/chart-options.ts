// The options a chart takes (`stream.chart({ x, y, color, mark, topN })`) and their argument checks.
// Checking happens in two steps: the shape of the options themselves here, and the column names against
// the table once it is known (checkColumn), so that a typo says which columns exist.
import { RivuletError, check } from '../../errors/rivulet-error.ts';

export type ChartMark = 'line' | 'point' | 'bar' | 'area';

export interface ChartOptions {
  /** Column on the x axis (default: windowEnd for window results, else the key or first text column). */
  x?: string;
  /** Column(s) on the y axis (default: the first aggregate / numeric column). Several columns are folded. */
  y?: string | string[];
  /** Column whose values color the series (default: key for window results). */
  color?: string;
  /** Mark type (default: line for window results, bar otherwise). */
  mark?: ChartMark;
  /** Keep only the N series (or bars) with the largest y total (default 10). */
  topN?: number;
  /** Chart title (default: derived from y and color). */
  title?: string;
  /** Plot width in pixels (default 480). */
  width?: number;
  /** Plot height in pixels (default 240). */
  height?: number;
}

export const CHART_MARKS: readonly ChartMark[] = ['line', 'point', 'bar', 'area'];
const OPTION_NAMES = ['x', 'y', 'color', 'mark', 'topN', 'title', 'width', 'height'] as const;
const WHERE = 'chart';

/** Checks the shape of chart options (not the column names) and throws BAD_ARGUMENT on the first problem. */
export function checkChartOptions(options: unknown): asserts options is ChartOptions {
  if (options === undefined) return;
  check(typeof options === 'object' && options !== null && !Array.isArray(options), 'BAD_ARGUMENT', {
    where: WHERE, name: 'options', expected: 'an object such as { x, y, color, mark, topN }', got: options,
  });
  const o = options as Record<string, unknown>;
  for (const name of Object.keys(o)) {
    check((OPTION_NAMES as readonly string[]).includes(name), 'BAD_ARGUMENT', {
      where: WHERE, name: `option ${name}`, expected: `one of ${OPTION_NAMES.join(', ')}`, got: name,
    });
  }
  for (const name of ['x', 'color', 'title'] as const) {
    if (o[name] !== undefined) {
      check(typeof o[name] === 'string' && o[name] !== '', 'BAD_ARGUMENT', {
        where: WHERE, name, expected: name === 'title' ? 'a string' : 'a column name (a non-empty string)', got: o[name],
      });
    }
  }
  if (o.y !== undefined) {
    const ok = typeof o.y === 'string'
      ? o.y !== ''
      : Array.isArray(o.y) && o.y.length > 0 && o.y.every((c) => typeof c === 'string' && c !== '');
    check(ok, 'BAD_ARGUMENT', { where: WHERE, name: 'y', expected: 'a column name or a non-empty array of column names', got: o.y });
  }
  if (o.mark !== undefined) {
    check(CHART_MARKS.includes(o.mark as ChartMark), 'BAD_ARGUMENT', {
      where: WHERE, name: 'mark', expected: `one of ${CHART_MARKS.map((m) => `'${m}'`).join(', ')}`, got: o.mark,
    });
  }
  if (o.topN !== undefined) {
    check(Number.isInteger(o.topN) && (o.topN as number) > 0, 'BAD_ARGUMENT', {
      where: WHERE, name: 'topN', expected: 'a positive integer', got: o.topN,
    });
  }
  for (const name of ['width', 'height'] as const) {
    if (o[name] !== undefined) {
      const v = o[name];
      check(typeof v === 'number' && Number.isFinite(v) && v > 0, 'BAD_ARGUMENT', {
        where: WHERE, name, expected: 'a positive number of pixels', got: v,
      });
    }
  }
}

/** Throws BAD_ARGUMENT unless `column` is one of `columns`, naming the columns that exist. */
export function checkColumn(option: string, column: string, columns: readonly string[]): void {
  if (columns.includes(column)) return;
  const near = columns.find((c) => c.toLowerCase() === column.toLowerCase());
  const list = columns.length > 0 ? columns.join(', ') : '(none: the table is empty)';
  throw new RivuletError('BAD_ARGUMENT', {
    where: WHERE,
    name: option,
    expected: 'a column of the table',
    got: column,
    hint: `The table has columns: ${list}.${near !== undefined ? ` Did you mean "${near}"?` : ''}`,
  });
}
