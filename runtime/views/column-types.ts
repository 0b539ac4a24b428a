// The type of each column a table shows, read from its values: what the HTML header names under each
// column, and which columns are right-aligned (numbers, times, bigints).
import type { Row } from './records.ts';
import { isTimeValue } from './text-table.ts';

export type ColumnType = 'number' | 'time' | 'bigint' | 'boolean' | 'text' | 'date' | 'object' | 'mixed' | 'empty';

export function columnType(rows: readonly Row[], column: string): ColumnType {
  let type: ColumnType = 'empty';
  for (const r of rows) {
    const v = r[column];
    if (v === null || v === undefined) continue;
    const t = valueType(v, column);
    if (type === 'empty') type = t;
    else if (type !== t) {
      // Numbers that look like times and numbers that do not: the column is numeric.
      if ((type === 'time' && t === 'number') || (type === 'number' && t === 'time')) type = 'number';
      else return 'mixed';
    }
  }
  return type;
}

export function isRightAligned(t: ColumnType): boolean {
  return t === 'number' || t === 'time' || t === 'bigint';
}

function valueType(v: unknown, column: string): ColumnType {
  switch (typeof v) {
    case 'number':
      return isTimeValue(v, column) ? 'time' : 'number';
    case 'bigint':
      return 'bigint';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'text';
    default:
      return v instanceof Date ? 'date' : 'object';
  }
}
