// The aggregate-function contract (Flink's AggregateFunction): an accumulator is created, each value is added
// to it, two accumulators can merge (session windows), and a result is read from it. `add` may mutate and
// return the accumulator it was given.

export interface AggregateFunction<IN = any, ACC = any, OUT = any> {
  createAccumulator(): ACC;
  add(value: IN, accumulator: ACC): ACC;
  merge(a: ACC, b: ACC): ACC;
  /** Flink calls it getResult; either name works. */
  result?(accumulator: ACC): OUT;
  getResult?(accumulator: ACC): OUT;
}

/** A field name or a function that reads the aggregated value from a record. */
export type Field<IN, V> = keyof IN | ((record: IN) => V);

export function isAggregateFunction(x: unknown): x is AggregateFunction {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Record<string, unknown>;
  return (
    typeof f.createAccumulator === 'function' &&
    typeof f.add === 'function' &&
    (typeof f.result === 'function' || typeof f.getResult === 'function')
  );
}

export function resultOf(f: AggregateFunction, acc: unknown): unknown {
  return f.result !== undefined ? f.result(acc) : (f.getResult as (a: unknown) => unknown)(acc);
}
