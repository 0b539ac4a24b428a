// The benchmark suite: each query with its hand-written loops (the first is the reference: the ratio's
// denominator and the result every other case must reproduce) and the parallelism of any extra runtime
// line. q5 gets a line at parallelism 4: one thread, four partitions interleaved, so the difference from
// parallelism 1 is the cost of partitioning (hashing keys into key groups, splitting batches, merging
// watermarks), not a speed-up.
import type { Bid } from '../runtime/index.ts';
import type { BenchQuery, QueryId } from './queries/query.ts';
import { q0 } from './queries/q0.ts';
import { q1 } from './queries/q1.ts';
import { q2 } from './queries/q2.ts';
import { q5 } from './queries/q5.ts';
import { q0Loop } from './baselines/q0.ts';
import { q1Loop } from './baselines/q1.ts';
import { q2Loop } from './baselines/q2.ts';
import { q5SlicedLoop } from './baselines/q5-sliced.ts';
import { q5WindowsLoop } from './baselines/q5-windows.ts';

export interface LoopBaseline<Row> {
  /** Shown in the table's mode column. */
  readonly name: string;
  readonly run: (bids: readonly Bid[], emit: (row: Row) => void) => void;
}

export interface SuiteEntry<Row> {
  readonly query: BenchQuery<Row>;
  readonly loops: readonly [LoopBaseline<Row>, ...LoopBaseline<Row>[]];
  /** Also time the q0-style loop over the generator (what generation alone costs). */
  readonly generatingLoop: boolean;
  /** Parallelism of extra runtime lines over the array, besides parallelism 1. */
  readonly extraParallelism: readonly number[];
}

function entry<Row>(e: SuiteEntry<Row>): SuiteEntry<any> {
  return e;
}

export const SUITE: readonly SuiteEntry<any>[] = [
  entry({ query: q0, loops: [{ name: 'loop', run: q0Loop }], generatingLoop: true, extraParallelism: [] }),
  entry({ query: q1, loops: [{ name: 'loop', run: q1Loop }], generatingLoop: false, extraParallelism: [] }),
  entry({ query: q2, loops: [{ name: 'loop', run: q2Loop }], generatingLoop: false, extraParallelism: [] }),
  entry({
    query: q5,
    loops: [
      { name: 'loop, sliced', run: q5SlicedLoop },
      { name: 'loop, 5 windows/bid', run: q5WindowsLoop },
    ],
    generatingLoop: false,
    extraParallelism: [4],
  }),
];

export const QUERY_IDS: readonly QueryId[] = SUITE.map((e) => e.query.id);

/** Targets (events/s on one core, runtime over the array at parallelism 1) the runtime is working towards. */
export const TARGETS: Readonly<Record<QueryId, number>> = { q0: 1_500_000, q1: 1_500_000, q2: 1_500_000, q5: 1_000_000 };
