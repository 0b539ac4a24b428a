// The primary key a view materializes a changelog by. Given as a field name, several field names, or a
// function of the row; otherwise inferred from the first row: window results are keyed by key and
// windowStart (windowStart alone for windowAll), rows with a `key` field (rolling aggregates, reduce) by
// key, and anything else has no primary key (an append-only view keeps the last rows; a changelog without
// a key is matched by content). Keys become strings or numbers that a Map can hold (exec's canonicalKey).
import { canonicalKey } from '../exec/partitioning/index.ts';

export type KeyOption = string | readonly string[] | ((row: any) => unknown);

export interface PrimaryKey {
  /** The fields, when the key is made of fields (what a snapshot remembers of an inferred key). */
  readonly fields: readonly string[] | null;
  readonly of: (row: unknown) => string | number;
  /** Whether two rows have the same key (what of() says, often without computing it). */
  readonly same: (a: unknown, b: unknown) => boolean;
}

/** A field of a row: object properties; f0, f1, ... of tuples (Flink's names); `value` of anything else. */
export function fieldValue(row: unknown, field: string): unknown {
  if (Array.isArray(row)) {
    const m = /^f(\d+)$/.exec(field);
    return m === null ? undefined : row[Number(m[1])];
  }
  if (typeof row === 'object' && row !== null) return (row as Record<string, unknown>)[field];
  return field === 'value' ? row : undefined;
}

/** The fields an unkeyed view infers from its first row, or null when it has none. */
export function inferKeyFields(row: unknown): string[] | null {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return null;
  if ('windowStart' in row) return 'key' in row ? ['key', 'windowStart'] : ['windowStart'];
  if ('key' in row) return ['key'];
  return null;
}

export function primaryKey(option: KeyOption | undefined, fields: readonly string[] | null): PrimaryKey | null {
  if (typeof option === 'function') {
    const of = (row: unknown): string | number => canonicalKey(option(row));
    return { fields: null, of, same: (a, b) => of(a) === of(b) };
  }
  const f = option === undefined ? fields : typeof option === 'string' ? [option] : option;
  if (f === null || f.length === 0) return null;
  const of = fieldsKey(f);
  return { fields: [...f], of, same: sameFields(f, of) };
}

/** Rows have the same key when each key field holds the same primitive (else: compare canonical keys). */
function sameFields(fields: readonly string[], of: (row: unknown) => string | number): (a: unknown, b: unknown) => boolean {
  if (fields.length === 1) {
    const f = fields[0] as string;
    return (a, b) => {
      if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
        const x = (a as Record<string, unknown>)[f];
        if (x === (b as Record<string, unknown>)[f] && (typeof x === 'number' || typeof x === 'string')) return true;
      }
      return of(a) === of(b);
    };
  }
  return (a, b) => {
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null || Array.isArray(a) || Array.isArray(b)) return of(a) === of(b);
    for (const f of fields) {
      const x = (a as Record<string, unknown>)[f];
      const y = (b as Record<string, unknown>)[f];
      if (x === y && (typeof x === 'number' || typeof x === 'string')) continue;
      return of(a) === of(b);
    }
    return true;
  };
}

function fieldsKey(fields: readonly string[]): (row: unknown) => string | number {
  if (fields.length === 1) {
    const a = fields[0] as string;
    return (row) => {
      const v = typeof row === 'object' && row !== null && !Array.isArray(row) ? (row as Record<string, unknown>)[a] : fieldValue(row, a);
      return typeof v === 'number' ? v : canonicalKey(v);
    };
  }
  if (fields.length === 2) {
    const a = fields[0] as string;
    const b = fields[1] as string;
    return (row) => pair(fieldValue(row, a), fieldValue(row, b));
  }
  return (row) => canonicalKey(fields.map((f) => fieldValue(row, f)));
}

/** canonicalKey([x, y]) without the array, for the common (key, windowStart) of numbers and strings. */
function pair(x: unknown, y: unknown): string | number {
  const a = simple(x);
  const b = simple(y);
  return a === null || b === null ? canonicalKey([x, y]) : `\u0000[${a},${b}]`;
}

function simple(v: unknown): string | null {
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return null;
}
