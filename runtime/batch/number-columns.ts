// Number fields of many rows copied into a Float64Array a range at a time (a chunk being loaded into
// DuckDB, or a block of event times). The copy is compiled per field path (`new Function`), so each field
// read is a named property read with its own inline cache rather than `row[key]` in a generic loop. A row
// whose field is not a number (absent, null) makes the copy give up, and the caller reads that range
// value by value instead. No array as long as the rows is allocated: with millions of rows in the heap,
// large allocations cost full garbage collections.

type Fill = (rows: readonly unknown[], at: number, n: number, out: Float64Array) => boolean;

const fills = new Map<string, Fill>();

/** Source text reading the field at `path` of a value (`?.` at each level unless every level is known to exist). */
export function pathAccess(path: readonly string[], optional = true): string {
  return path.map((k) => `${optional ? '?.' : ''}[${JSON.stringify(k)}]`).join('');
}

function fill(path: readonly string[], scalar: boolean): Fill {
  const id = JSON.stringify([path, scalar]);
  let f = fills.get(id);
  if (f === undefined) {
    const read = scalar ? 'rows[at + i]' : `rows[at + i]${pathAccess(path)}`;
    f = new Function('rows', 'at', 'n', 'out', `for (let i = 0; i < n; i++) { const v = ${read}; if (typeof v !== 'number') return false; out[i] = v; } return true;`) as Fill;
    fills.set(id, f);
  }
  return f;
}

/** Copies the field at `path` of rows [at, at + n) into out[0, n); false when some row's field is not a number. */
export function fillNumbers(rows: readonly unknown[], path: readonly string[], scalar: boolean, at: number, n: number, out: Float64Array): boolean {
  return fill(path, scalar)(rows, at, n, out);
}

/** A getter of the field at `path`, compiled like the copies above (undefined where a level is missing). */
export function fieldGetter(path: readonly string[]): (row: unknown) => unknown {
  return new Function('r', `return r${pathAccess(path)};`) as (row: unknown) => unknown;
}
