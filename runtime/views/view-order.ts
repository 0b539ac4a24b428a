// The order a view shows its rows in, and its top N. Without sortBy, rows stay in the order their keys were
// first inserted (an update keeps its row's place) and the top N are the N most recent. With sortBy, rows
// are sorted by the given fields (largest first unless { order: 'asc' }), ties in insertion order, and
// missing values last; the top N are chosen without sorting the whole table.
import { RivuletError } from '../errors/rivulet-error.ts';
import { fieldValue } from './primary-key.ts';

export interface SortKey {
  readonly field: string;
  readonly order: 'asc' | 'desc';
}

export type SortOption = string | { field: string; order?: 'asc' | 'desc' } | readonly (string | { field: string; order?: 'asc' | 'desc' })[];

export function sortKeys(where: string, option: SortOption | undefined): SortKey[] {
  if (option === undefined) return [];
  const list = Array.isArray(option) ? option : [option];
  return list.map((o: unknown) => {
    if (typeof o === 'string' && o !== '') return { field: o, order: 'desc' };
    if (typeof o === 'object' && o !== null && typeof (o as SortKey).field === 'string' && (o as SortKey).field !== '') {
      const order = (o as { order?: unknown }).order ?? 'desc';
      if (order === 'asc' || order === 'desc') return { field: (o as SortKey).field, order };
    }
    throw new RivuletError('BAD_ARGUMENT', {
      where,
      name: 'sortBy',
      expected: 'a field name, { field, order: "asc" | "desc" }, or an array of them',
      got: option,
    });
  });
}

/** The rows in display order: sorted by `keys` (stable), or as they are. */
export function orderRows(rows: unknown[], keys: readonly SortKey[]): unknown[] {
  if (keys.length === 0) return rows;
  const cmp = comparator(keys);
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => cmp(a.row, b.row) || a.i - b.i)
    .map((x) => x.row);
}

/** The first `n` rows in display order (without sortBy: the last n, in their order). */
export function topRows(rows: unknown[], keys: readonly SortKey[], n: number): unknown[] {
  if (n >= rows.length) return orderRows(rows, keys);
  if (keys.length === 0) return rows.slice(rows.length - n);
  if (n * 8 >= rows.length) return orderRows(rows, keys).slice(0, n);
  return selectTop(rows, comparator(keys), n);
}

/** Keeps the n best rows in a heap whose root is the worst kept one: O(rows · log n). */
function selectTop(rows: unknown[], cmp: (a: unknown, b: unknown) => number, n: number): unknown[] {
  // worse(a, b): a comes after b in display order.
  const worse = (a: number, b: number): boolean => {
    const c = cmp(rows[a], rows[b]);
    return c > 0 || (c === 0 && a > b);
  };
  const heap: number[] = [];
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i] as number, heap[p] as number)) break;
      [heap[i], heap[p]] = [heap[p] as number, heap[i] as number];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && worse(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  for (let i = 0; i < rows.length; i++) {
    if (heap.length < n) {
      heap.push(i);
      up(heap.length - 1);
    } else if (worse(heap[0] as number, i)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : -1)).map((i) => rows[i]);
}

function comparator(keys: readonly SortKey[]): (a: unknown, b: unknown) => number {
  return (a, b) => {
    for (const k of keys) {
      const c = compareValues(fieldValue(a, k.field), fieldValue(b, k.field), k.order);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Display order of two values: missing values last in either order; numbers before text. */
function compareValues(x: unknown, y: unknown, order: 'asc' | 'desc'): number {
  const mx = x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x));
  const my = y === null || y === undefined || (typeof y === 'number' && Number.isNaN(y));
  if (mx || my) return mx === my ? 0 : mx ? 1 : -1;
  const tx = rank(x);
  const ty = rank(y);
  if (tx !== ty) return ty - tx; // mixed types: numbers, then booleans, then the rest, in either order
  const c = compareSameKind(x, y);
  return order === 'asc' ? c : -c;
}

function compareSameKind(x: unknown, y: unknown): number {
  const vx = x instanceof Date ? x.getTime() : x;
  const vy = y instanceof Date ? y.getTime() : y;
  if (typeof vx === 'number' || typeof vx === 'bigint' || typeof vx === 'string' || typeof vx === 'boolean') {
    return (vx as number) < (vy as number) ? -1 : (vx as number) > (vy as number) ? 1 : 0;
  }
  const sx = JSON.stringify(vx) ?? '';
  const sy = JSON.stringify(vy) ?? '';
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

function rank(v: unknown): number {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof Date ? 2 : typeof v === 'boolean' ? 1.5 : 1;
}
