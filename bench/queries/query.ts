// The shape of one benchmarked Nexmark query: the Rivulet pipeline over a stream of bids (q0–q2, q5, q7) or of
// the mixed event stream (q3, q4, q8: persons, auctions and bids), and the consumer that folds each result row
// into a Tally. The runtime's sink, the hand-written loops (bench/baselines), the RxJS pipelines (bench/rxjs)
// and the DuckDB rows (bench/duckdb) all call the same consumer, so each does the same work per result row.
import type { DataStream, RowKind } from '../../runtime/index.ts';
import type { Tally } from '../tally.ts';

export type QueryId = 'q0' | 'q1' | 'q2' | 'q3' | 'q4' | 'q5' | 'q7' | 'q8';

/** What a query reads: the bids alone (nexmark.bids) or the mixed stream (nexmark.events). */
export type InputKind = 'bids' | 'events';

/** A consumer: the runtime's addSink passes the row's changelog kind, the baselines pass only the row. */
export type Consumer<Row> = (row: Row, kind?: RowKind) => void;

export interface BenchQuery<In, Row> {
  readonly id: QueryId;
  readonly title: string;
  readonly input: InputKind;
  /** The pipeline in one line, for the report. */
  readonly plan: string;
  /** The query over `input`, up to the stream of result rows (the bench attaches the sink). */
  readonly pipeline: (input: DataStream<In>) => DataStream<Row>;
  /** A fresh consumer that folds each result row into `tally`. */
  readonly consumer: (tally: Tally) => Consumer<Row>;
}
