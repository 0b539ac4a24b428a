// Nexmark q5, hot items: bids per auction over sliding windows of 10 s every 2 s (event time, watermarks
// on dateTime), then, for each window, the auction(s) with the most bids (every auction tied at the max).
//
// How it is expressed, and why:
// - The counts are a keyed sliding window with agg.count(): keyBy(auction), Rivulet's native windowing.
//   Each bid lands in size/slide = 5 windows, as Flink's sliding assigner does.
// - The maximum per window is a windowAll tumbling window of 2 s (the slide) with a process function. A
//   window's result rows carry its maxTimestamp (windowEnd - 1) as event time, as in Flink, and windows end
//   every 2 s, so one 2-s tumbling window holds exactly the counts of one sliding window. It fires once,
//   when the watermark passes, and emits an append-only answer: the auctions tied at the top count.
//   Alternatives: keyBy(windowEnd) + a rolling max (reduce) would emit an update (-U/+U) for each count
//   row and leave the sink to apply a changelog; keyBy(windowEnd).window(tumbling) is the same as the
//   windowAll but keyed, and buys nothing here: the count rows are a few percent of the bids, so the
//   second stage is small and running it in one partition keeps the plan simple. (Flink's SQL q5 joins
//   the counts with the max count of each window; the rows are the same.)
// - The generator emits bids in event-time order (maxOutOfOrderMs 0), so a zero out-of-orderness bound
//   drops nothing and fires each window as soon as a later bid arrives.
import { Windows, agg, type Bid, type DataStream, type ProcessWindowContext, type Collector } from '../../runtime/index.ts';
import { mix, type Tally } from '../tally.ts';
import type { BenchQuery } from './query.ts';

export const WINDOW_SIZE = 10_000;
export const WINDOW_SLIDE = 2_000;

/** One answer: an auction with the most bids in the window [windowStart, windowEnd). */
export interface HotItem {
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly auction: number;
  readonly bids: number;
}

interface AuctionCount {
  readonly key: number;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly bids: number;
}

/** The process function of the second stage: the counts of one sliding window in, its top auctions out. */
function hottest(_key: unknown, _ctx: ProcessWindowContext, counts: AuctionCount[], out: Collector<HotItem>): void {
  const first = counts[0];
  if (first === undefined) return;
  let max = 0;
  for (const c of counts) {
    if (c.windowEnd !== first.windowEnd) {
      throw new Error(`q5: counts of windows ending ${first.windowEnd} and ${c.windowEnd} met in one tumbling window`);
    }
    if (c.bids > max) max = c.bids;
  }
  const top: number[] = [];
  for (const c of counts) if (c.bids === max) top.push(c.key);
  top.sort((a, b) => a - b);
  for (const auction of top) out.collect({ windowStart: first.windowStart, windowEnd: first.windowEnd, auction, bids: max });
}

export function hashHotItem(r: HotItem): number {
  return mix(mix(mix(mix(5, r.windowStart), r.windowEnd), r.auction), r.bids);
}

export const q5: BenchQuery<Bid, HotItem> = {
  input: 'bids',
  id: 'q5',
  title: 'hot items',
  plan: 'source → watermarks → keyBy(auction) → sliding(10 s, 2 s) count → windowAll tumbling(2 s) top → sink',
  pipeline: (bids: DataStream<Bid>) =>
    bids
      .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 0 })
      .keyBy((b) => b.auction)
      .window(Windows.sliding(WINDOW_SIZE, WINDOW_SLIDE))
      .aggregate({ bids: agg.count() })
      .windowAll(Windows.tumbling(WINDOW_SLIDE))
      .process<HotItem>(hottest),
  consumer: (tally: Tally) => (row: HotItem) => tally.add(hashHotItem(row)),
};
