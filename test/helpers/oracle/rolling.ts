// A slow, plain-loop ORACLE of keyed rolling aggregates and keyed reduce (no windows): the FINAL value per key
// after every record has been seen. Independent by design: imports nothing from runtime/.

import {
  KeyIndex,
  checkAggregateNames,
  computeAggregates,
  type AggregateSpecs,
} from './windows.ts';

export type RollingRow<N extends string = string> = { key: unknown } & { [K in N]: number };

export interface RollingAggregateSpec<T, A extends AggregateSpecs<T> = AggregateSpecs<T>> {
  key: (r: T) => unknown;
  aggregates: A;
}

/**
 * The final row `{ key, ...aggregates }` of a keyed rolling aggregate, one per key, in first-seen-key order.
 * Aggregates as in oracleWindowAggregate: count, sum, min, max, avg (sum / count), first / last (arrival order).
 */
export function oracleRollingAggregate<T, A extends AggregateSpecs<T>>(
  records: readonly T[],
  spec: RollingAggregateSpec<T, A>,
): RollingRow<keyof A & string>[] {
  checkAggregateNames(spec.aggregates, new Set(['key']));
  const keys = new KeyIndex();
  const membersByKey: number[][] = [];
  for (let i = 0; i < records.length; i++) {
    const id = keys.id(spec.key(records[i] as T));
    if (id === membersByKey.length) membersByKey.push([]);
    (membersByKey[id] as number[]).push(i);
  }
  return membersByKey.map(
    (members, id) =>
      ({ key: keys.value(id), ...computeAggregates(records, members, spec.aggregates) }) as RollingRow<
        keyof A & string
      >,
  );
}

/**
 * The final value of a keyed reduce, one entry per key in first-seen-key order. Like Flink's ReduceFunction:
 * the first record of a key is its initial value, each later record r of that key makes it reduce(acc, r).
 */
export function oracleReduce<T>(
  records: readonly T[],
  key: (r: T) => unknown,
  reduce: (acc: T, r: T) => T,
): { key: unknown; value: T }[] {
  const keys = new KeyIndex();
  const values: T[] = [];
  for (const record of records) {
    const id = keys.id(key(record));
    if (id === values.length) values.push(record);
    else values[id] = reduce(values[id] as T, record);
  }
  return values.map((value, id) => ({ key: keys.value(id), value }));
}
