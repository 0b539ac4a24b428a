// Nexmark q1, currency conversion: every bid with its price in euros (price * 0.908). The output row is
// the Flink community's projection: auction, bidder, price, dateTime, extra (a new object per bid).
import type { Bid, DataStream } from '../../runtime/index.ts';
import { mix, type Tally } from '../tally.ts';
import type { BenchQuery } from './query.ts';

export interface Q1Row {
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly dateTime: number;
  readonly extra: string;
}

export const DOLLARS_TO_EUROS = 0.908;

/** The converted bid: the same expression in the pipeline and in the loop, so prices are bit-identical. */
export function toEuros(b: Bid): Q1Row {
  return { auction: b.auction, bidder: b.bidder, price: b.price * DOLLARS_TO_EUROS, dateTime: b.dateTime, extra: b.extra };
}

/** The price enters the checksum in thousandths of a cent (truncated, identically on both sides). */
export function hashQ1(r: Q1Row): number {
  return mix(mix(mix(mix(1, r.auction), r.bidder), r.price * 1000), r.dateTime);
}

export const q1: BenchQuery<Bid, Q1Row> = {
  input: 'bids',
  id: 'q1',
  title: 'currency conversion',
  plan: 'source → map(price * 0.908) → sink',
  pipeline: (bids: DataStream<Bid>) => bids.map(toEuros),
  consumer: (tally: Tally) => (row: Q1Row) => tally.add(hashQ1(row)),
};
