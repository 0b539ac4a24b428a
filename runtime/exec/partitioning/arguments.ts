// Argument checks shared by the partitioning functions: each failed check throws a RivuletError that names
// the function, the argument, what was expected and what was passed.
import { RivuletError } from '../../errors/rivulet-error.ts';

/** Flink's upper bound for maxParallelism (KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM). */
export const MAX_MAX_PARALLELISM = 32768;

/** Throws BAD_ARGUMENT unless `value` is an integer in [min, max]. */
export function checkInteger(where: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const expected = max === Infinity ? `an integer >= ${min}` : `an integer between ${min} and ${max}`;
    throw new RivuletError('BAD_ARGUMENT', { where, name, expected, got: value });
  }
  return value;
}

/** Throws BAD_MAX_PARALLELISM unless 1 <= maxParallelism <= 32768. */
export function checkMaxParallelism(maxParallelism: unknown): number {
  if (typeof maxParallelism !== 'number' || !Number.isInteger(maxParallelism) || maxParallelism < 1 || maxParallelism > MAX_MAX_PARALLELISM) {
    throw new RivuletError('BAD_MAX_PARALLELISM', { got: maxParallelism });
  }
  return maxParallelism;
}

/** Throws BAD_PARALLELISM unless 1 <= parallelism <= maxParallelism. */
export function checkParallelism(parallelism: unknown, maxParallelism: number): number {
  if (typeof parallelism !== 'number' || !Number.isInteger(parallelism) || parallelism < 1 || parallelism > maxParallelism) {
    throw new RivuletError('BAD_PARALLELISM', { got: parallelism, maxParallelism });
  }
  return parallelism;
}
