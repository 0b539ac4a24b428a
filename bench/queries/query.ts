// The shape of one benchmarked Nexmark query: the Rivulet pipeline over a stream of bids, and the consumer
// that folds each result row into a Tally. The runtime's sink and the hand-written loops (bench/baselines)
// call the same consumer, so both do the same work per result row.
import type { Bid, DataStream } from '../../runtime/index.ts';
import type { Tally } from '../tally.ts';

export type QueryId = 'q0' | 'q1' | 'q2' | 'q5';

export interface BenchQuery<Row> {
  readonly id: QueryId;
  readonly title: string;
  /** The pipeline in one line, for the report. */
  readonly plan: string;
  /** The query over `bids`, up to the stream of result rows (the bench attaches the sink). */
  readonly pipeline: (bids: DataStream<Bid>) => DataStream<Row>;
  /** A fresh consumer that folds each result row into `tally`. */
  readonly consumer: (tally: Tally) => (row: Row) => void;
}
