// How print() shows a row, close to Flink's toString: tuples (arrays) as (a,b,c), objects compactly,
// changelog rows prefixed by their kind.
import { inspect } from 'node:util';

export function formatRow(row: unknown): string {
  if (typeof row === 'string') return row;
  if (Array.isArray(row)) return '(' + row.map(formatField).join(',') + ')';
  if (typeof row === 'object' && row !== null) return inspect(row, { breakLength: Infinity, depth: 4, compact: true });
  return String(row);
}

function formatField(v: unknown): string {
  if (typeof v === 'string') return v;
  return formatRow(v);
}
