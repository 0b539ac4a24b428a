// The built-in aggregates: agg.count/sum/min/max/avg/first/last/distinct/countDistinct/collect.
// Each takes a field name or an extractor function and is an AggregateFunction. Accumulators are small
// (numbers, or one mutable object) so that adding a record allocates nothing.
import { RivuletError } from '../../errors/rivulet-error.ts';
import type { AggregateFunction, Field } from './aggregate-function.ts';
import { portable, portableRef } from '../../graph/portable.ts';
import { fieldGetter } from '../specialised-loop.ts';

type Extract = (record: any) => any;

/**
 * The built-in aggregates whose result does not depend on how the records were split before merging (merge
 * never mutates its arguments, and a merged result equals the unsplit one, up to floating-point rounding of
 * sums): windows may pre-aggregate slices and merge them (window slicing). distinct and collect keep arrival
 * order, which slicing would change.
 */
const SLICEABLE = new WeakSet<object>();

function sliceable<F extends object>(f: F): F {
  SLICEABLE.add(f);
  return f;
}

/** Whether `f` is a built-in aggregate that window slicing may split and merge. */
export function isSliceable(f: unknown): boolean {
  return typeof f === 'object' && f !== null && SLICEABLE.has(f);
}

function extractor(where: string, field: unknown): Extract {
  if (typeof field === 'function') return field as Extract;
  if (typeof field === 'string' || (typeof field === 'number' && Number.isSafeInteger(field))) return fieldGetter(field) as Extract;
  if (typeof field === 'number') return (r: any) => r[field];
  throw new RivuletError('BAD_ARGUMENT', {
    where: `agg.${where}`,
    name: 'the field',
    expected: 'a field name or a function of the record',
    got: field,
  });
}

const count = (): AggregateFunction<unknown, number, number> =>
  sliceable({
    createAccumulator: () => 0,
    add: (_v: unknown, acc: number) => acc + 1,
    merge: (a: number, b: number) => a + b,
    result: (acc: number) => acc,
  });

function sum<IN>(field: Field<IN, number>): AggregateFunction<IN, number, number> {
  const get = extractor('sum', field);
  const f: AggregateFunction<IN, number, number> = { createAccumulator: () => 0, add: (v, acc) => acc + get(v), merge: (a, b) => a + b, result: (a) => a };
  return sliceable(f);
}

function extreme<IN>(name: string, field: Field<IN, number>, better: (a: number, b: number) => boolean) {
  const get = extractor(name, field);
  const f: AggregateFunction<IN, number | undefined, number | null> = {
    createAccumulator: () => undefined,
    add: (v, acc) => {
      const x = get(v);
      return acc === undefined || better(x, acc) ? x : acc;
    },
    merge: (a, b) => (a === undefined ? b : b === undefined ? a : better(b, a) ? b : a),
    result: (acc) => (acc === undefined ? null : acc),
  };
  return sliceable(f);
}

const min = <IN>(field: Field<IN, number>) => extreme('min', field, (a, b) => a < b);
const max = <IN>(field: Field<IN, number>) => extreme('max', field, (a, b) => a > b);

interface AvgAcc {
  sum: number;
  n: number;
}
function avg<IN>(field: Field<IN, number>): AggregateFunction<IN, AvgAcc, number | null> {
  const get = extractor('avg', field);
  return sliceable<AggregateFunction<IN, AvgAcc, number | null>>({
    createAccumulator: () => ({ sum: 0, n: 0 }),
    add: (v, acc) => {
      acc.sum += get(v);
      acc.n++;
      return acc;
    },
    merge: (a, b) => ({ sum: a.sum + b.sum, n: a.n + b.n }),
    result: (acc) => (acc.n === 0 ? null : acc.sum / acc.n),
  });
}

/**
 * first/last remember when their value arrived, so that merging two session windows keeps the value of the
 * earliest (latest) arrival whichever side it is on. The counter only ever grows within a process.
 */
let arrivals = 0;
interface Holder<V> {
  seq: number;
  value: V | undefined;
}
function first<IN, V>(field: Field<IN, V>): AggregateFunction<IN, Holder<V>, V | null> {
  const get = extractor('first', field);
  return sliceable<AggregateFunction<IN, Holder<V>, V | null>>({
    createAccumulator: () => ({ seq: -1, value: undefined }),
    add: (v, acc) => {
      if (acc.seq < 0) {
        acc.seq = ++arrivals;
        acc.value = get(v);
      }
      return acc;
    },
    merge: (a, b) => (a.seq < 0 ? b : b.seq < 0 ? a : a.seq < b.seq ? a : b),
    result: (acc) => (acc.seq >= 0 ? (acc.value as V) : null),
  });
}
function last<IN, V>(field: Field<IN, V>): AggregateFunction<IN, Holder<V>, V | null> {
  const get = extractor('last', field);
  return sliceable<AggregateFunction<IN, Holder<V>, V | null>>({
    createAccumulator: () => ({ seq: -1, value: undefined }),
    add: (v, acc) => {
      acc.seq = ++arrivals;
      acc.value = get(v);
      return acc;
    },
    merge: (a, b) => (a.seq > b.seq ? a : b),
    result: (acc) => (acc.seq >= 0 ? (acc.value as V) : null),
  });
}

function distinctSet<IN, V>(name: string, field: Field<IN, V>): AggregateFunction<IN, Set<V>, Set<V>> {
  const get = extractor(name, field);
  return {
    createAccumulator: () => new Set<V>(),
    add: (v, acc) => acc.add(get(v)),
    merge: (a, b) => new Set([...a, ...b]),
    result: (acc) => acc,
  };
}
/** The distinct values, in first-seen order. */
function distinct<IN, V>(field: Field<IN, V>): AggregateFunction<IN, Set<V>, V[]> {
  const d = distinctSet('distinct', field);
  return { createAccumulator: d.createAccumulator, add: d.add, merge: d.merge, result: (acc) => [...acc] };
}
/** How many distinct values. */
function countDistinct<IN, V>(field: Field<IN, V>): AggregateFunction<IN, Set<V>, number> {
  const d = distinctSet('countDistinct', field);
  return sliceable<AggregateFunction<IN, Set<V>, number>>({ createAccumulator: d.createAccumulator, add: d.add, merge: d.merge, result: (acc) => acc.size });
}

/** Every value (or every record, without a field), in arrival order. */
function collect<IN, V = IN>(field?: Field<IN, V>): AggregateFunction<IN, V[], V[]> {
  const get = field === undefined ? (r: any) => r : extractor('collect', field);
  return {
    createAccumulator: () => [],
    add: (v, acc) => {
      acc.push(get(v));
      return acc;
    },
    merge: (a, b) => a.concat(b),
    result: (acc) => acc.slice(),
  };
}

const builtins = { count, sum, min, max, avg, first, last, distinct, countDistinct, collect };

/** Each result remembers how it was made, so that a worker thread can make it again (graph/portable.ts). */
function described<F extends Record<string, (...a: any[]) => object>>(fns: F): F {
  const out: Record<string, (...a: any[]) => object> = {};
  for (const [name, f] of Object.entries(fns)) out[name] = (...args: any[]) => portable(f(...args), `agg.${name}`, args);
  return out as F;
}

export const agg = described(builtins);

/** Which built-in an aggregate is and what it reads: lets the DuckDB batch mode translate it to SQL. */
export interface BuiltinInfo {
  readonly kind: string;
  readonly field: unknown;
}

/** The built-in behind an aggregate made by agg.*, read from how it was made (its portable description). */
export function builtinInfo(f: object): BuiltinInfo | undefined {
  const ref = portableRef(f);
  return ref !== undefined && ref.builtin.startsWith('agg.') ? { kind: ref.builtin.slice(4), field: ref.args[0] } : undefined;
}
