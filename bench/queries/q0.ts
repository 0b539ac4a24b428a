// Nexmark q0, pass through: every bid, unchanged. Nothing but the source and the sink, so it measures the
// framework's own cost per record (reading batches, handing them on, the sink's call per row).
import type { Bid, DataStream } from '../../runtime/index.ts';
import { mix, type Tally } from '../tally.ts';
import type { BenchQuery } from './query.ts';

/** The hash of a bid for the checksum: its numeric fields (the strings are passed on untouched). */
export function hashBid(b: Bid): number {
  return mix(mix(mix(mix(0, b.auction), b.bidder), b.price), b.dateTime);
}

export const q0: BenchQuery<Bid, Bid> = {
  input: 'bids',
  id: 'q0',
  title: 'pass through',
  plan: 'source → sink',
  pipeline: (bids: DataStream<Bid>) => bids,
  consumer: (tally: Tally) => (row: Bid) => tally.add(hashBid(row)),
};
