// Argument checks shared by the chain-style API: each throws a RivuletError saying what was expected.
import { RivuletError } from '../errors/rivulet-error.ts';
import { portable, portableRef } from '../graph/portable.ts';

export function fn<F extends (...a: any[]) => unknown>(where: string, name: string, f: unknown): F {
  if (typeof f !== 'function') throw new RivuletError('BAD_ARGUMENT', { where, name, expected: 'a function', got: f });
  return f as F;
}

export function nonNegativeInt(where: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new RivuletError('BAD_ARGUMENT', { where, name, expected: 'a non-negative integer', got: v });
  }
  return v;
}

export function positiveInt(where: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new RivuletError('BAD_ARGUMENT', { where, name, expected: 'a positive integer', got: v });
  }
  return v;
}

/** What a key selector was made from (a field name or a tuple position), for the DuckDB batch mode. */
export function keySourceOf(select: Function): string | number | undefined {
  const ref = portableRef(select);
  return ref?.builtin === 'field' ? (ref.args[0] as string | number) : undefined;
}

/** A key selector from a function, a field name or a tuple position (Flink's keyBy(0)). */
export function keySelector(where: string, key: unknown): (row: any) => unknown {
  if (typeof key === 'function') return key as (row: any) => unknown;
  if (typeof key === 'string' || (typeof key === 'number' && Number.isInteger(key) && key >= 0)) {
    return portable((row: any) => (row == null ? undefined : row[key]), 'field', [key]);
  }
  throw new RivuletError('BAD_ARGUMENT', {
    where,
    name: 'the key',
    expected: 'a function of the record, a field name, or a tuple position',
    got: key,
  });
}

export function describeKey(key: unknown): string {
  if (typeof key === 'string') return `"${key}"`;
  if (typeof key === 'number') return `field ${key}`;
  return 'a function';
}
