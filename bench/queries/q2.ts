// Nexmark q2, selection: the bids on auctions whose id is a multiple of 123, projected to { auction, price }
// as the Flink community's q2 does. Few bids pass (the hot auctions are multiples of 100), so the cost is
// the filter's.
import type { Bid, DataStream } from '../../runtime/index.ts';
import { mix, type Tally } from '../tally.ts';
import type { BenchQuery } from './query.ts';

export interface Q2Row {
  readonly auction: number;
  readonly price: number;
}

export const AUCTION_MODULUS = 123;

export function hashQ2(r: Q2Row): number {
  return mix(mix(2, r.auction), r.price);
}

export const q2: BenchQuery<Bid, Q2Row> = {
  input: 'bids',
  id: 'q2',
  title: 'selection',
  plan: 'source → filter(auction % 123 == 0) → map({ auction, price }) → sink',
  pipeline: (bids: DataStream<Bid>) =>
    bids.filter((b) => b.auction % AUCTION_MODULUS === 0).map((b): Q2Row => ({ auction: b.auction, price: b.price })),
  consumer: (tally: Tally) => (row: Q2Row) => tally.add(hashQ2(row)),
};
