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
  const cols: Column[] = keys.map(() => new Array<unknown>(n));
  extractor(keys)(rows, n, cols as unknown[][]);
  for (let j = 0; j < cols.length; j++) {
    const col = cols[j] as unknown[];
    if (allNumbers(col)) {
      const a = new Float64Array(col as number[]);
      cols[j] = a;
      transfer.push(a.buffer as ArrayBuffer);
    } else {
      const d = dictionary(col);
      if (d === null) continue;
      cols[j] = d;
      transfer.push(d.codes.buffer as ArrayBuffer);
    }
  }
  return { kind: 'cols', keys, cols, n };
}

/** The column as a dictionary when it holds only strings and at most one distinct value in four rows. */
function dictionary(col: unknown[]): DictColumn | null {
  const n = col.length;
  const codes = new Uint32Array(n);
  const dict: string[] = [];
  const index = new Map<string, number>();
  const limit = n >> 2;
  for (let i = 0; i < n; i++) {
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

function allNumbers(col: unknown[]): boolean {
  for (let i = 0; i < col.length; i++) if (typeof col[i] !== 'number') return false;
  return true;
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
type Extractor = (rows: unknown[], n: number, cols: unknown[][]) => void;
const makers = new Map<string, Maker>();
const extractors = new Map<string, Extractor>();

/** Copies each field into its column with named property reads (monomorphic, unlike row[key] in a loop). */
function extractor(keys: string[]): Extractor {
  const id = JSON.stringify(keys);
  let x = extractors.get(id);
  if (x === undefined) {
    const body = keys.map((k, j) => `cols[${j}][i] = r[${JSON.stringify(k)}];`).join(' ');
    x = new Function('rows', 'n', 'cols', `for (let i = 0; i < n; i++) { const r = rows[i]; ${body} }`) as Extractor;
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
