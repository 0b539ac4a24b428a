// Nexmark q4, average price per category: the winning (highest) bid of each auction, counting only bids
// made while it was open (auction.dateTime <= bid.dateTime <= auction.expires), taken when the auction
// closes; then, per category, the running average of the winning prices, as a changelog (Flink SQL's
// q4 is the same two GROUP BYs). An auction with no bid in time has no winner and counts for nothing.
//
// How it is expressed:
// - Watermarks on the mixed stream (event time; the generator emits in order, so a zero bound drops nothing).
// - keyBy(auction id) over auctions and bids, and a keyed process function holding the auction and the best
//   price so far; an event-time timer at `expires` closes the auction (the watermark passes expires once a
//   later event arrives; the final watermark closes the auctions still open at the end of input).
// - keyBy(category).aggregate({ auctions: count, avg: avg(final) }): Rivulet's rolling aggregate, which
//   emits +I then -U/+U per change. The consumer counts the new values (+I, +U): one row per closed auction.
// Auctions closing at the same time close in auction-id order everywhere (the timer service fires equal
// times in registration order, and ids grow with arrival), so at parallelism 1 the running averages agree
// row for row (at higher parallelism partitions interleave such ties differently; the final averages agree).
import { agg, type KeyedProcessFunction, type ValueState, type RowKind } from '../../runtime/index.ts';
import type { Auction, Bid, DataStream, NexmarkEvent } from '../../runtime/index.ts';
import { mix, type Tally } from '../tally.ts';
import type { BenchQuery } from './query.ts';

/** A closed auction with its winning price. */
export interface WinningBid {
  readonly auction: number;
  readonly category: number;
  readonly final: number;
}

/** One change of a category's average: after `auctions` closed auctions, their average winning price. */
export interface Q4Row {
  readonly key: number;
  readonly auctions: number;
  readonly avg: number | null;
}

/** Whether a bid counts for its auction. */
export function inTime(a: Auction, b: Bid): boolean {
  return b.dateTime >= a.dateTime && b.dateTime <= a.expires;
}

export function hashQ4(r: Q4Row): number {
  return mix(mix(mix(4, r.key), r.auctions), (r.avg ?? 0) * 1000);
}

interface Winning extends KeyedProcessFunction<number, NexmarkEvent, WinningBid> {
  auction: ValueState<Auction> | null;
  best: ValueState<number> | null;
}

const winning: Winning = {
  auction: null,
  best: null,
  open(ctx) {
    this.auction = ctx.state.value<Auction>('auction');
    this.best = ctx.state.value<number>('best price');
  },
  processElement(e, ctx) {
    const auction = this.auction as ValueState<Auction>;
    if (e.auction !== undefined) {
      auction.update(e.auction);
      ctx.timers.registerEventTime(e.auction.expires);
      return;
    }
    const a = auction.value();
    const b = e.bid as Bid;
    if (a === undefined || !inTime(a, b)) return; // closed already, or out of its time
    const best = this.best as ValueState<number>;
    const p = best.value();
    if (p === undefined || b.price > p) best.update(b.price);
  },
  onTimer(_t, _ctx, out) {
    const auction = this.auction as ValueState<Auction>;
    const best = this.best as ValueState<number>;
    const a = auction.value();
    const p = best.value();
    if (a !== undefined && p !== undefined) out.collect({ auction: a.id, category: a.category, final: p });
    auction.clear();
    best.clear();
  },
};

export const q4: BenchQuery<NexmarkEvent, Q4Row> = {
  id: 'q4',
  title: 'average price per category',
  input: 'events',
  plan: 'events → watermarks → filter(no persons) → keyBy(auction) → process (best bid, timer at expires) → keyBy(category) → rolling {count, avg} → sink (+I/+U)',
  pipeline: (events: DataStream<NexmarkEvent>) =>
    events
      .withWatermarks({ timestamp: (e) => e.dateTime, maxOutOfOrderness: 0 })
      .filter((e) => e.person === undefined)
      .keyBy((e) => (e.auction !== undefined ? e.auction.id : (e.bid as Bid).auction))
      .process<WinningBid>(winning)
      .keyBy((w) => w.category)
      .aggregate({ auctions: agg.count(), avg: agg.avg((w: WinningBid) => w.final) }),
  consumer: (tally: Tally) => (row: Q4Row, kind?: RowKind) => {
    if (kind !== '-U') tally.add(hashQ4(row));
  },
};
