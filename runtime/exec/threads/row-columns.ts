// Rows as columns for the trip between threads. Structured clone of an array of objects costs more than the
// operators' own work, so rows that are flat plain objects of one shape (one key order) travel as one column
// per field — Float64Array (transferred) for all-number fields, dictionary codes (transferred) plus the distinct
// values for string fields with repeats (channels, URLs), a plain array otherwise — and are rebuilt as objects
// of the same shape on arrival. Other rows (mixed shapes, tuples, primitives) are structured-cloned.

/** A string column as its distinct values and one code per row. */
export interface DictColumn {
  readonly dict: string[];
  readonly codes: Uint32Array;
}

type Column = Float64Array | DictColumn | unknown[];

export type WireRows =
  | { readonly kind: 'clone'; readonly rows: unknown[] }
  | { readonly kind: 'cols'; readonly keys: string[]; readonly cols: Column[]; readonly n: number };

export function rowsToWire(rows: unknown[], transfer: ArrayBuffer[]): WireRows {
  const keys = shapeOf(rows);
  if (keys === null) return { kind: 'clone', rows };
  const n = rows.length;
  const first = rows[0] as Record<string, unknown>;
  const numeric = keys.map((k) => typeof first[k] === 'number');
  let cols: Column[] = keys.map((_, j) => (numeric[j] ? new Float64Array(n) : new Array<unknown>(n)));
  if (!extractor(keys, numeric)(rows, n, cols)) {
    // A field that was a number in the first row is not in every row: plain columns for this batch.
    cols = keys.map(() => new Array<unknown>(n));
    extractor(keys, keys.map(() => false))(rows, n, cols);
  }
  for (let j = 0; j < cols.length; j++) {
    const col = cols[j] as Column;
    if (col instanceof Float64Array) {
      transfer.push(col.buffer as ArrayBuffer);
      continue;
    }
    const d = dictionaryOf(keys[j] as string, col as unknown[]);
    if (d === null) continue;
    cols[j] = d;
    transfer.push(d.codes.buffer as ArrayBuffer);
  }
  return { kind: 'cols', keys, cols, n };
}

/**
 * Fields whose last column did not make a dictionary (mostly distinct strings, like URLs), with how many more
 * batches to send them plain before trying again: building a dictionary that fails costs a Map insert per row.
 */
const plainFields = new Map<string, number>();
const RETRY_AFTER = 32;

function dictionaryOf(field: string, col: unknown[]): DictColumn | null {
  const skip = plainFields.get(field);
  if (skip !== undefined && skip > 0) {
    plainFields.set(field, skip - 1);
    return null;
  }
  const d = dictionary(col);
  if (d === null) plainFields.set(field, RETRY_AFTER);
  else if (skip !== undefined) plainFields.delete(field);
  return d;
}

/** The column as a dictionary when it holds only strings and at most one distinct value in four rows. */
function dictionary(col: unknown[]): DictColumn | null {
  const n = col.length;
  const codes = new Uint32Array(n);
  const dict: string[] = [];
  const index = new Map<string, number>();
  const limit = n >> 2;
  for (let i = 0; i < n; i++) {
    // Give up early on mostly distinct values: more than one in four among the first 64 rows.
    if (i === 64 && dict.length > 16) return null;
    const v = col[i];
    if (typeof v !== 'string') return null;
    let c = index.get(v);
    if (c === undefined) {
      if (dict.length >= limit) return null;
      c = dict.length;
      dict.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  }
  return { dict, codes };
}

function isDict(c: Column): c is DictColumn {
  return !Array.isArray(c) && !(c instanceof Float64Array);
}

export function rowsFromWire(w: WireRows): unknown[] {
  if (w.kind === 'clone') return w.rows;
  const make = maker(w.keys);
  const cols = w.cols.map((c) => (isDict(c) ? undictionary(c) : c));
  const rows = new Array<unknown>(w.n);
  for (let i = 0; i < w.n; i++) rows[i] = make(cols, i);
  return rows;
}

function undictionary(d: DictColumn): string[] {
  const { dict, codes } = d;
  const out = new Array<string>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = dict[codes[i] as number] as string;
  return out;
}

/** The shared key order of flat plain-object rows, or null when they differ (or there are fewer than 8 rows). */
function shapeOf(rows: unknown[]): string[] | null {
  if (rows.length < 8) return null;
  const first = rows[0];
  if (!isPlain(first)) return null;
  const keys = Object.keys(first);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!isPlain(r)) return null;
    let j = 0;
    for (const k in r) {
      if (keys[j] !== k) return null;
      j++;
    }
    if (j !== keys.length) return null;
  }
  return keys;
}

function isPlain(r: unknown): r is Record<string, unknown> {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
  return Object.getPrototypeOf(r) === Object.prototype;
}

type Maker = (cols: (Float64Array | unknown[])[], i: number) => unknown;
/** Fills the columns; false when a field meant for a Float64Array column is not a number in some row. */
type Extractor = (rows: unknown[], n: number, cols: Column[]) => boolean;
const makers = new Map<string, Maker>();
const extractors = new Map<string, Extractor>();

/**
 * Copies each field into its column with named property reads (monomorphic, unlike row[key] in a loop),
 * numbers straight into Float64Arrays for the fields marked numeric.
 */
function extractor(keys: string[], numeric: boolean[]): Extractor {
  const id = JSON.stringify([keys, numeric]);
  let x = extractors.get(id);
  if (x === undefined) {
    const setup = keys.map((_, j) => `const c${j} = cols[${j}];`).join(' ');
    const body = keys
      .map((k, j) => {
        const read = `const v${j} = r[${JSON.stringify(k)}];`;
        return numeric[j] ? `${read} if (typeof v${j} !== 'number') return false; c${j}[i] = v${j};` : `${read} c${j}[i] = v${j};`;
      })
      .join(' ');
    x = new Function('rows', 'n', 'cols', `${setup} for (let i = 0; i < n; i++) { const r = rows[i]; ${body} } return true;`) as Extractor;
    extractors.set(id, x);
  }
  return x;
}

/** A monomorphic object builder for one key order (all rows rebuilt share one hidden class). */
function maker(keys: string[]): Maker {
  const id = JSON.stringify(keys);
  let m = makers.get(id);
  if (m === undefined) {
    const body = keys.map((k, j) => `${JSON.stringify(k)}: c[${j}][i]`).join(', ');
    m = new Function('c', 'i', `return { ${body} };`) as Maker;
    makers.set(id, m);
  }
  return m;
}
