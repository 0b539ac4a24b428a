// Keyed reduce: the running reduction of each key's records (Flink's ReduceFunction on a KeyedStream), as a
// changelog: the first record of a key is its value, each later one replaces it by fn(value, record).
// The value is a private copy, and what is emitted is a copy of it, so a reducer that mutates its first
// argument corrupts neither the source nor rows already emitted.
import type { RollingFold } from './rolling-operator.ts';
import { privateCopy } from './private-copy.ts';

export function reduceFold(fn: (a: any, b: any) => unknown): RollingFold<unknown> {
  return {
    name: 'reduce',
    fold: (state, row) => {
      if (state === undefined) return privateCopy(row);
      const next = fn(state, row);
      return next === row ? privateCopy(next) : next;
    },
    result: (state) => privateCopy(state),
  };
}
