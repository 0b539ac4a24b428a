// Nexmark q7, highest bid: in each tumbling window of 10 s (event time), the bid(s) with the highest price
// (every bid tied at the top). Flink SQL joins the bids with the max price per window; the DataStream way,
// used here, is one windowAll aggregate whose accumulator keeps the top price and the bids that have it, so
// that no window buffers its bids. One row per top bid: the window and the bid's numbers.
import { Windows, type AggregateFunction, type Bid, type DataStream, type Collector } from '../../runtime/index.ts';
import { mix, type Tally } from '../tally.ts';
import type { BenchQuery } from './query.ts';

export const Q7_WINDOW = 10_000;

export interface Q7Row {
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly dateTime: number;
}

export function hashQ7(r: Q7Row): number {
  return mix(mix(mix(mix(mix(7, r.windowStart), r.auction), r.bidder), r.price), r.dateTime);
}

export function q7Row(windowStart: number, b: Bid): Q7Row {
  return { windowStart, windowEnd: windowStart + Q7_WINDOW, auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime };
}

interface Top {
  price: number;
  bids: Bid[];
}

/** The highest price seen and every bid at it. */
export const highestBids: AggregateFunction<Bid, Top, Bid[]> = {
  createAccumulator: () => ({ price: -Infinity, bids: [] }),
  add(b, acc) {
    if (b.price > acc.price) {
      acc.price = b.price;
      acc.bids = [b];
    } else if (b.price === acc.price) acc.bids.push(b);
    return acc;
  },
  merge: (a, b) => (a.price > b.price ? a : b.price > a.price ? b : { price: a.price, bids: a.bids.concat(b.bids) }),
  result: (acc) => acc.bids,
};

export const q7: BenchQuery<Bid, Q7Row> = {
  id: 'q7',
  title: 'highest bid',
  input: 'bids',
  plan: 'source → watermarks → windowAll tumbling(10 s) aggregate(top price + its bids) → flatMap(rows) → sink',
  pipeline: (bids: DataStream<Bid>) =>
    bids
      .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 0 })
      .windowAll(Windows.tumbling(Q7_WINDOW))
      .aggregate(highestBids)
      .flatMap((w, out: Collector<Q7Row>) => {
        for (const b of w.value) out.collect(q7Row(w.windowStart, b));
      }),
  consumer: (tally: Tally) => (row: Q7Row) => tally.add(hashQ7(row)),
};
