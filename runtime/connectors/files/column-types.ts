// Column types of a file source: declared in a schema, or inferred from the first rows of the file (always the
// file's first rows, whatever offset a reader resumes from, so that a restored job types values as before).
// Empty values are null in every type.

export type ColumnType = 'number' | 'string' | 'boolean' | 'timestamp';
export const COLUMN_TYPES: readonly ColumnType[] = ['number', 'string', 'boolean', 'timestamp'];

export type Converted = { ok: true; value: unknown } | { ok: false; error: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function isNumber(s: string): boolean {
  return NUMBER.test(s.trim());
}

function isBoolean(s: string): boolean {
  const t = s.trim().toLowerCase();
  return t === 'true' || t === 'false';
}

/** Converts one raw value to `type`; an empty value is null. */
export function convert(raw: string, type: ColumnType): Converted {
  if (raw === '') return { ok: true, value: null };
  switch (type) {
    case 'string':
      return { ok: true, value: raw };
    case 'number':
      return isNumber(raw) ? { ok: true, value: Number(raw) } : { ok: false, error: `${JSON.stringify(raw)} is not a number` };
    case 'boolean':
      return isBoolean(raw) ? { ok: true, value: raw.trim().toLowerCase() === 'true' } : { ok: false, error: `${JSON.stringify(raw)} is not a boolean (true or false)` };
    case 'timestamp': {
      const ms = isNumber(raw) ? Number(raw) : Date.parse(raw);
      return Number.isFinite(ms) ? { ok: true, value: ms } : { ok: false, error: `${JSON.stringify(raw)} is not a timestamp (ms since the epoch or an ISO date)` };
    }
  }
}

/**
 * Infers each column's type from sample rows: number when every non-empty value is a number, boolean when every
 * one is true/false, string otherwise (and for a column with no non-empty value).
 */
export function inferTypes(columns: readonly string[], rows: readonly (readonly string[])[]): ColumnType[] {
  return columns.map((_, c) => {
    let numbers = true;
    let booleans = true;
    let seen = false;
    for (const r of rows) {
      const v = r[c];
      if (v === undefined || v === '') continue;
      seen = true;
      numbers &&= isNumber(v);
      booleans &&= isBoolean(v);
    }
    if (!seen) return 'string';
    return numbers ? 'number' : booleans ? 'boolean' : 'string';
  });
}
