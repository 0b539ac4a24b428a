// The demo `npm start` opens: Nexmark at a few thousand events per second, paced so that event time keeps up
// with the wall clock, with two live views.
//   hot         bids per auction in a sliding window of 10 s every 2 s, with the highest bid (Nexmark q5's
//               hot items, before picking the top one).
//   categories  the average bid price per auction category over the same windows: each bid is joined to its
//               auction (an interval join on the auction id, bids up to three mean auction lengths after the
//               auction opened) and kept only if it came before the auction expired (Nexmark q4's condition);
//               q4 then averages each auction's winning bid, this view averages every valid bid, which needs
//               no wait for the auctions to close. (At this rate about 63% of bids come before their auction
//               expired: bids go mostly to the hot auction, which may have closed.)
import { StreamEnvironment, Windows, agg, nexmark, type Auction, type Bid, type DataStream, type JobHandle } from '../../runtime/index.ts';

export interface DemoOptions {
  /** Events per second of the mixed Nexmark stream (bids are 46 of every 50, auctions 3). */
  readonly rate?: number;
  readonly parallelism?: number;
}

export interface Demo {
  readonly env: StreamEnvironment;
  readonly bids: DataStream<Bid>;
  readonly auctions: DataStream<Auction>;
  readonly job: JobHandle;
  /** The names the REPL starts with. */
  readonly scope: Record<string, unknown>;
}

export function startDemo(opts: DemoOptions = {}): Demo {
  const rate = opts.rate ?? 3000;
  const env = new StreamEnvironment({ parallelism: opts.parallelism ?? 2 });
  const config = { seed: 7, rate, baseTime: Date.now(), maxOutOfOrderMs: 500 };
  const bids = env
    .fromGenerator(nexmark.bids(config), { eventsPerSecond: (rate * 46) / 50 })
    .withWatermarks({ timestamp: (b: Bid) => b.dateTime, maxOutOfOrderness: 1_000 });
  const auctionGen = nexmark.auctions(config);
  // Bids count for an auction until it expires; auctions last avgAuctionLengthMs on average (about 0.6 s at
  // 3 000 events/s), so the join looks that far ahead three times over, and holds the watermark back no more.
  const lookAhead = Math.ceil(auctionGen.config.avgAuctionLengthMs * 3);
  const auctions = env
    .fromGenerator(auctionGen, { eventsPerSecond: (rate * 3) / 50 })
    .withWatermarks({ timestamp: (a: Auction) => a.dateTime, maxOutOfOrderness: 1_000 });

  const hot = bids
    .keyBy((b) => b.auction)
    .window(Windows.sliding(10_000, 2_000))
    .aggregate({ bids: agg.count(), 'top $': agg.max((b) => b.price / 100) });
  hot.view({ name: 'hot', sortBy: ['windowEnd', 'bids'], topN: 10, maxRows: 2000 });

  const categories = auctions
    .keyBy((a) => a.id)
    .intervalJoin(bids.keyBy((b) => b.auction))
    .between(0, lookAhead)
    .apply((a, b) => ({ category: a.category, price: b.price, dateTime: b.dateTime, expires: a.expires }))
    .filter((r) => r.dateTime <= r.expires)
    .keyBy((r) => r.category)
    .window(Windows.sliding(10_000, 2_000))
    .aggregate({ 'avg $': agg.avg((r) => r.price / 100), bids: agg.count() });
  categories.view({ name: 'categories', sortBy: ['windowEnd', 'avg $'], topN: 10, maxRows: 500 });

  const job = env.execute('nexmark demo');
  return { env, bids, auctions, job, scope: { env, bids, auctions, hot, categories, job, agg, Windows, nexmark, StreamEnvironment } };
}

export const DEMO_BANNER = `Rivulet demo: Nexmark at a few thousand events/s, two live views (hot, categories).
In scope: env, bids, auctions, hot, categories, job, agg, Windows, nexmark, StreamEnvironment.
Try: .views · .dash · .explain hot · job.pause() · .help
A quick pipeline of your own: const e2 = new StreamEnvironment(); await e2.fromElements(1, 2, 3).map((x) => x * 10).collect()`;
