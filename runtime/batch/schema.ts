// The column schema of rows entering DuckDB: each field is a number (DOUBLE, as JavaScript numbers are),
// a string (VARCHAR) or a boolean; a stream of plain values (not objects) is one column. Inferred from the
// rows themselves; rows that do not fit (nested objects, mixed types) make the source untranslatable.
import { Untranslatable } from './untranslatable.ts';
import { pathAccess } from './number-columns.ts';

export type ColumnType = 'number' | 'string' | 'boolean' | 'null' | 'list';

export interface Column {
  /** The field's path joined with '.' (nested objects are flattened into columns). */
  name: string;
  path: string[];
  type: ColumnType;
  /** Some rows lack the field: results leave it out where it is NULL. */
  optional: boolean;
  /** Every value is an integer (a source column): its sums are exact in any order. */
  integral?: boolean;
}

export interface Schema {
  columns: Column[];
  /** The rows are plain values held in the column `value` (unwrapped on output). */
  scalar: boolean;
}

export const SQL_TYPE: Record<ColumnType, string> = { number: 'DOUBLE', string: 'VARCHAR', boolean: 'BOOLEAN', null: 'DOUBLE', list: 'DOUBLE[]' };

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function typeOf(v: unknown, where: string): ColumnType {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  throw new Untranslatable(`${where} holds ${Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object or Date' : `a ${typeof v}`}; only numbers, strings and booleans go to DuckDB`);
}

/** The schema of `rows`: fields in first-seen order (nested objects flattened), each with one type. */
export function inferSchema(rows: readonly unknown[]): Schema {
  return flatSchema(rows) ?? generalSchema(rows);
}

/** A field of the first row: a number, string or boolean at `path`. */
interface Leaf {
  path: string[];
  type: string;
}

/** A (nested) object of the first row, with how many fields it has. */
interface Level {
  path: string[];
  count: number;
}

/** The first row's fields, depth first in field order as generalSchema visits them; null when one is not plain. */
function shapeOf(obj: object, prefix: string[], leaves: Leaf[], levels: Level[]): boolean {
  let count = 0;
  for (const field in obj) {
    count++;
    const v = (obj as Record<string, unknown>)[field];
    const path = [...prefix, field];
    if (isRecord(v)) {
      if (!shapeOf(v, path, leaves, levels)) return false;
      continue;
    }
    const t = typeof v;
    if (t !== 'number' && t !== 'string' && t !== 'boolean') return false;
    leaves.push({ path, type: t });
  }
  levels.push({ path: prefix, count });
  return true;
}

/**
 * The fast path: every row has the first row's shape (the same fields, nested objects included, none null)
 * with the same types. The schema is then the one generalSchema would find.
 */
function flatSchema(rows: readonly unknown[]): Schema | null {
  const first = rows[0];
  if (!isRecord(first)) return null;
  const leaves: Leaf[] = [];
  const levels: Level[] = [];
  if (!shapeOf(first, [], leaves, levels)) return null;
  const integral = shapeCheck(leaves, levels)(rows);
  if (integral === null) return null;
  return {
    columns: leaves.map((l, j) => ({ name: l.path.join('.'), path: l.path, type: l.type as ColumnType, optional: false, integral: integral[j] === true })),
    scalar: false,
  };
}

type ShapeCheck = (rows: readonly unknown[]) => boolean[] | null;
const shapeChecks = new Map<string, ShapeCheck>();

const access = (path: string[]): string => pathAccess(path, false);

/**
 * A pass over every row, compiled for one shape (named property reads, each with its own inline cache): null
 * unless every row and nested object has exactly the first row's fields and types; else which are integers.
 */
function shapeCheck(leaves: Leaf[], levels: Level[]): ShapeCheck {
  const id = JSON.stringify([leaves, levels]);
  let f = shapeChecks.get(id);
  if (f === undefined) {
    const init = leaves.map((_, j) => `let int${j} = true;`).join(' ');
    // Outer objects first (levels are listed innermost first), so that every access below is safe.
    const objects = [...levels]
      .sort((a, b) => a.path.length - b.path.length)
      .map((l) => {
        const o = `r${access(l.path)}`;
        const test = l.path.length === 0 ? '' : `if (typeof ${o} !== 'object' || ${o} === null || Array.isArray(${o})) return null; `;
        return `${test}count = 0; for (const _ in ${o}) count++; if (count !== ${l.count}) return null;`;
      })
      .join(' ');
    const body = leaves
      .map((l, j) => {
        const int = l.type === 'number' ? ` if (int${j} && !Number.isInteger(v${j})) int${j} = false;` : ` int${j} = false;`;
        return `const v${j} = r${access(l.path)}; if (typeof v${j} !== ${JSON.stringify(l.type)}) return null;${int}`;
      })
      .join(' ');
    const loop = `for (let i = 0; i < rows.length; i++) { const r = rows[i]; if (typeof r !== 'object' || r === null) return null; let count; ${objects} ${body} }`;
    f = new Function('rows', `${init} ${loop} return [${leaves.map((_, j) => `int${j}`).join(', ')}];`) as ShapeCheck;
    shapeChecks.set(id, f);
  }
  return f;
}

function generalSchema(rows: readonly unknown[]): Schema {
  const first = rows[0];
  if (rows.length > 0 && !isRecord(first)) {
    let type: ColumnType = 'null';
    for (const r of rows) type = merge(type, typeOf(r, 'a row'), 'value');
    return { columns: [{ name: 'value', path: ['value'], type, optional: false }], scalar: true };
  }
  const byName = new Map<string, Column>();
  const columns: Column[] = [];
  const present = new Map<string, number>();
  const nulls = new Set<string>();
  const visit = (obj: object, prefix: string[]): void => {
    for (const field in obj) {
      const v = (obj as Record<string, unknown>)[field];
      const path = [...prefix, field];
      if (isRecord(v)) {
        visit(v, path);
        continue;
      }
      const name = path.join('.');
      const t = typeOf(v, `field "${name}"`);
      let c = byName.get(name);
      if (c === undefined) {
        c = { name, path, type: 'null', optional: false };
        byName.set(name, c);
        columns.push(c);
      }
      present.set(name, (present.get(name) ?? 0) + 1);
      if (v === null) nulls.add(name);
      c.type = merge(c.type, t, name);
    }
  };
  for (const r of rows) {
    if (!isRecord(r)) throw new Untranslatable('the rows mix objects and plain values');
    visit(r, []);
  }
  for (const c of columns) {
    c.optional = (present.get(c.name) ?? 0) < rows.length;
    // A result leaves an optional field out where it is NULL: a null the rows hold would be lost.
    if (c.optional && nulls.has(c.name)) {
      throw new Untranslatable(`field "${c.name}" is null in some rows and missing in others (DuckDB has one NULL for both)`);
    }
  }
  return { columns, scalar: false };
}

function isRecord(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function merge(a: ColumnType, b: ColumnType, name: string): ColumnType {
  if (a === b || b === 'null') return a;
  if (a === 'null') return b;
  throw new Untranslatable(`field "${name}" holds both ${a}s and ${b}s`);
}
