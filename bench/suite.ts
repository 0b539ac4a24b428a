// The benchmark suite: each query with its hand-written loops (the first is the reference: the ratio's
// denominator and the result every other case must reproduce), its RxJS pipeline, its DuckDB SQL (the
// windowed queries), and the parallelism of any extra runtime line. q5 gets a line at parallelism 4: one
// thread, four partitions interleaved, so the difference from parallelism 1 is the cost of partitioning
// (hashing keys into key groups, splitting batches, merging watermarks), not a speed-up.
import type { BenchQuery, QueryId } from './queries/query.ts';
import type { SqlBaseline } from './duckdb/database.ts';
import { q0 } from './queries/q0.ts';
import { q1 } from './queries/q1.ts';
import { q2 } from './queries/q2.ts';
import { q3 } from './queries/q3.ts';
import { q4 } from './queries/q4.ts';
import { q5 } from './queries/q5.ts';
import { q7 } from './queries/q7.ts';
import { q8 } from './queries/q8.ts';
import { q0Loop } from './baselines/q0.ts';
import { q1Loop } from './baselines/q1.ts';
import { q2Loop } from './baselines/q2.ts';
import { q3Loop } from './baselines/q3.ts';
import { q4Loop } from './baselines/q4.ts';
import { q5SlicedLoop } from './baselines/q5-sliced.ts';
import { q5WindowsLoop } from './baselines/q5-windows.ts';
import { q7Loop } from './baselines/q7.ts';
import { q8Loop } from './baselines/q8.ts';
import { q0Rx, q1Rx, q2Rx } from './rxjs/stateless.ts';
import { q3Rx } from './rxjs/q3.ts';
import { q4Rx } from './rxjs/q4.ts';
import { q5Rx } from './rxjs/q5.ts';
import { q7Rx } from './rxjs/q7.ts';
import { q8Rx } from './rxjs/q8.ts';
import { q4Sql, q5Sql, q7Sql, q8Sql } from './duckdb/queries.ts';

/** A synchronous baseline over the pre-generated input: a plain loop, or an RxJS pipeline. */
export interface Baseline<In, Row> {
  /** Shown in the table's mode column. */
  readonly name: string;
  readonly run: (input: readonly In[], emit: (row: Row) => void) => void;
}

export interface SuiteEntry<In, Row> {
  readonly query: BenchQuery<In, Row>;
  readonly loops: readonly [Baseline<In, Row>, ...Baseline<In, Row>[]];
  readonly rxjs: (input: readonly In[], emit: (row: Row) => void) => void;
  readonly sql: SqlBaseline<Row> | null;
  /** Also time the q0-style loop over the generator (what generation alone costs). */
  readonly generatingLoop: boolean;
  /** Parallelism of extra runtime lines over the array, besides parallelism 1. */
  readonly extraParallelism: readonly number[];
}

function entry<In, Row>(e: SuiteEntry<In, Row>): SuiteEntry<any, any> {
  return e;
}

const loop = <In, Row>(run: Baseline<In, Row>['run']): [Baseline<In, Row>] => [{ name: 'loop', run }];

export const SUITE: readonly SuiteEntry<any, any>[] = [
  entry({ query: q0, loops: loop(q0Loop), rxjs: q0Rx, sql: null, generatingLoop: true, extraParallelism: [] }),
  entry({ query: q1, loops: loop(q1Loop), rxjs: q1Rx, sql: null, generatingLoop: false, extraParallelism: [] }),
  entry({ query: q2, loops: loop(q2Loop), rxjs: q2Rx, sql: null, generatingLoop: false, extraParallelism: [] }),
  entry({ query: q3, loops: loop(q3Loop), rxjs: q3Rx, sql: null, generatingLoop: false, extraParallelism: [] }),
  entry({ query: q4, loops: loop(q4Loop), rxjs: q4Rx, sql: q4Sql, generatingLoop: false, extraParallelism: [] }),
  entry({
    query: q5,
    loops: [
      { name: 'loop, sliced', run: q5SlicedLoop },
      { name: 'loop, 5 windows/bid', run: q5WindowsLoop },
    ],
    rxjs: q5Rx,
    sql: q5Sql,
    generatingLoop: false,
    extraParallelism: [4],
  }),
  entry({ query: q7, loops: loop(q7Loop), rxjs: q7Rx, sql: q7Sql, generatingLoop: false, extraParallelism: [] }),
  entry({ query: q8, loops: loop(q8Loop), rxjs: q8Rx, sql: q8Sql, generatingLoop: false, extraParallelism: [] }),
];

export const QUERY_IDS: readonly QueryId[] = SUITE.map((e) => e.query.id);

/**
 * Targets (events/s on one core, runtime over the pre-generated array at parallelism 1) the runtime is working
 * towards (issue 10). q3 has none: its cost is the join's state, which grows without bound.
 */
export const TARGETS: Readonly<Partial<Record<QueryId, number>>> = {
  q0: 1_500_000, q1: 1_500_000, q2: 1_500_000, q4: 1_000_000, q5: 1_000_000, q7: 1_000_000, q8: 1_000_000,
};

/** The other goals of issue 10: the runtime at least this fraction of the reference loop, and this many times RxJS. */
export const GOALS = { ofLoop: 0.6, timesRxjs: 10 } as const;
