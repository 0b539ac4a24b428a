// Number fields of many rows copied into Float64Arrays in one pass, for loading into DuckDB a chunk at a
// time. The pass is compiled per field path (`new Function`), so each field read is a named property read
// with its own inline cache rather than `row[key]` in a generic loop. A row whose field is not a number
// (absent, null) makes the pass give up, and the caller loads that column value by value instead.

type Extract = (rows: readonly unknown[], out: Float64Array) => boolean;

const passes = new Map<string, Extract>();

function access(path: readonly string[]): string {
  return path.map((k) => `?.[${JSON.stringify(k)}]`).join('');
}

function pass(path: readonly string[], scalar: boolean): Extract {
  const id = JSON.stringify([path, scalar]);
  let f = passes.get(id);
  if (f === undefined) {
    const read = scalar ? 'rows[i]' : `rows[i]${access(path)}`;
    f = new Function('rows', 'out', `for (let i = 0; i < rows.length; i++) { const v = ${read}; if (typeof v !== 'number') return false; out[i] = v; } return true;`) as Extract;
    passes.set(id, f);
  }
  return f;
}

/** The field at `path` of every row as a Float64Array, or null when some row's field is not a number. */
export function numberColumn(rows: readonly unknown[], path: readonly string[], scalar = false): Float64Array | null {
  const out = new Float64Array(rows.length);
  return pass(path, scalar)(rows, out) ? out : null;
}

/** A getter of the field at `path`, compiled like the passes above (undefined where a level is missing). */
export function fieldGetter(path: readonly string[]): (row: unknown) => unknown {
  return new Function('r', `return r${access(path)};`) as (row: unknown) => unknown;
}
