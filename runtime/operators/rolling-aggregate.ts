// Rolling (non-windowed) keyed aggregate: for each key, the aggregates over all its records so far, as rows
// { key, ...aggregates } in a changelog.
import type { RollingFold } from './rolling-operator.ts';
import type { AggregateSet } from './aggregates/aggregate-set.ts';

interface Group {
  key: unknown;
  accs: unknown[];
}

export function aggregateFold(aggs: AggregateSet): RollingFold<Group> {
  return {
    name: 'aggregate',
    fold: (state, row, key) => {
      const g = state ?? { key, accs: aggs.create() };
      aggs.add(g.accs, row);
      return g;
    },
    result: (g) => aggs.writeResults(g.accs, { key: g.key }),
  };
}
