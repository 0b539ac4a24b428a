// Keyed reduce: the running reduction of each key's records (Flink's ReduceFunction on a KeyedStream), as a
// changelog: the first record of a key is its value, each later one replaces it by fn(value, record).
import type { RollingFold } from './rolling-operator.ts';

export function reduceFold(fn: (a: any, b: any) => unknown): RollingFold<unknown> {
  return {
    name: 'reduce',
    fold: (state, row) => (state === undefined ? row : fn(state, row)),
    result: (state) => state,
  };
}
