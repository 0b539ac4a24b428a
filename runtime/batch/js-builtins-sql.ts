// The JavaScript built-ins the lambda translator knows, as DuckDB SQL: operators, Math.* and string methods.
// Each entry keeps JavaScript's result (Math.round rounds halves up, % keeps the dividend's sign, ...).
import { Untranslatable } from './untranslatable.ts';
import type { Expr } from './lambda-sql.ts';

export const ARITHMETIC: Record<string, true> = { '+': true, '-': true, '*': true, '/': true, '%': true, '**': true };
export const COMPARISON: Record<string, string> = { '===': '=', '==': '=', '!==': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
export const MATH_CONSTANTS: Record<string, string> = { PI: 'pi()', E: 'exp(1)' };
export const MATH: Record<string, (a: string[]) => string> = {
  abs: (a) => `abs(${a[0]})`,
  floor: (a) => `floor(${a[0]})`,
  ceil: (a) => `ceil(${a[0]})`,
  // JavaScript rounds halves up (towards +Infinity).
  round: (a) => `floor(${a[0]} + 0.5)`,
  trunc: (a) => `trunc(${a[0]})`,
  sign: (a) => `sign(${a[0]})::DOUBLE`,
  sqrt: (a) => `sqrt(${a[0]})`,
  pow: (a) => `pow(${a[0]}, ${a[1]})`,
  exp: (a) => `exp(${a[0]})`,
  log: (a) => `ln(${a[0]})`,
  log10: (a) => `log10(${a[0]})`,
  log2: (a) => `log2(${a[0]})`,
  min: (a) => (a.length === 1 ? `(${a[0]})` : `least(${a.join(', ')})`),
  max: (a) => (a.length === 1 ? `(${a[0]})` : `greatest(${a.join(', ')})`),
};

export type StringMethod = (s: string, args: Expr[]) => Expr;
const strArg = (args: Expr[], i: number, name: string): string => {
  const a = args[i];
  if (a === undefined || a.type !== 'string') throw new Untranslatable(`.${name}() is translated with a string argument only`);
  return a.sql;
};
export const STRING_METHODS: Record<string, StringMethod> = {
  toString: (s: string): Expr => ({ sql: s, type: 'string' }),
  toUpperCase: (s) => ({ sql: `upper(${s})`, type: 'string' }),
  toLowerCase: (s) => ({ sql: `lower(${s})`, type: 'string' }),
  trim: (s) => ({ sql: `trim(${s})`, type: 'string' }),
  startsWith: (s, a) => ({ sql: `starts_with(${s}, ${strArg(a, 0, 'startsWith')})`, type: 'boolean' }),
  endsWith: (s, a) => ({ sql: `suffix(${s}, ${strArg(a, 0, 'endsWith')})`, type: 'boolean' }),
  includes: (s, a) => ({ sql: `contains(${s}, ${strArg(a, 0, 'includes')})`, type: 'boolean' }),
  concat: (s, a) => ({ sql: `(${[s, ...a.map((_, i) => strArg(a, i, 'concat'))].join(' || ')})`, type: 'string' }),
  slice: (s, a) => {
    for (const x of a) if (x.type !== 'number') throw new Untranslatable('.slice() is translated with number arguments only');
    const start = a[0] === undefined ? '0' : a[0].sql;
    if (a[0] !== undefined && !/^\d+::DOUBLE$/.test(start)) throw new Untranslatable('.slice() is translated with non-negative literal bounds only');
    const from = `(${start})::BIGINT + 1`;
    if (a[1] === undefined) return { sql: `substr(${s}, ${from})`, type: 'string' };
    if (!/^\d+::DOUBLE$/.test(a[1].sql)) throw new Untranslatable('.slice() is translated with non-negative literal bounds only');
    return { sql: `substr(${s}, ${from}, greatest((${a[1].sql})::BIGINT - (${start})::BIGINT, 0))`, type: 'string' };
  },
};
