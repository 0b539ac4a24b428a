// An aggregate spec `{ bids: agg.count(), top: agg.max('price') }` compiled into one object that creates,
// updates, merges and reads all accumulators of a group at once (an array of accumulators per group).
import { RivuletError } from '../../errors/rivulet-error.ts';
import { isAggregateFunction, resultOf, type AggregateFunction } from './aggregate-function.ts';
import { isSliceable } from './builtins.ts';
import { aggregateAdder } from '../specialised-loop.ts';

export type AggregateSpec = Record<string, AggregateFunction>;

const RESERVED = new Set(['key', 'windowStart', 'windowEnd', 'op']);

export class AggregateSet {
  readonly names: string[];
  private readonly fns: AggregateFunction[];

  constructor(spec: AggregateSpec, reserved: ReadonlySet<string> = RESERVED) {
    if (typeof spec !== 'object' || spec === null || Object.keys(spec).length === 0) {
      throw new RivuletError('BAD_ARGUMENT', {
        where: 'aggregate()',
        name: 'the aggregates',
        expected: 'an object of named aggregates, e.g. { bids: agg.count() }',
        got: spec,
      });
    }
    this.names = Object.keys(spec);
    this.fns = this.names.map((name) => {
      const f = spec[name];
      if (!isAggregateFunction(f)) throw new RivuletError('UNKNOWN_AGGREGATE', { name, got: f });
      if (reserved.has(name)) throw new RivuletError('RESERVED_FIELD', { name });
      return f;
    });
    this.add = aggregateAdder(this.fns);
  }

  /** Whether every aggregate is a built-in that window slicing may split and merge. */
  get sliceable(): boolean {
    return this.fns.every(isSliceable);
  }

  create(): unknown[] {
    const fns = this.fns;
    const accs = new Array<unknown>(fns.length);
    for (let i = 0; i < fns.length; i++) accs[i] = (fns[i] as AggregateFunction).createAccumulator();
    return accs;
  }

  /** Adds a record to every accumulator: a function of this set's own, so V8 can inline each aggregate's add. */
  readonly add: (accs: unknown[], record: unknown) => void;

  merge(a: unknown[], b: unknown[]): unknown[] {
    return this.fns.map((f, i) => f.merge(a[i], b[i]));
  }

  /** Writes every result into `row` under its name and returns the row. */
  writeResults(accs: unknown[], row: Record<string, unknown>): Record<string, unknown> {
    const fns = this.fns;
    const names = this.names;
    for (let i = 0; i < fns.length; i++) row[names[i] as string] = resultOf(fns[i] as AggregateFunction, accs[i]);
    return row;
  }
}
