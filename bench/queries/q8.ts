// Nexmark q8, monitor new users: the persons who registered and opened an auction within the same tumbling
// 10-s window (event time); one row per such person and window: { id, name, windowStart }. Flink SQL's q8
// groups persons by (id, window) and auctions by (seller, window), then joins on id = seller and the window;
// here the same plan with Rivulet's operators: the auctions are counted per seller and window (one row per
// seller who opened any), and the persons are window-joined with those rows (a count row carries its
// window's last millisecond as event time, so it lands in the same tumbling window).
import { Windows, agg, type Auction, type DataStream, type NexmarkEvent, type Person } from '../../runtime/index.ts';
import { mix, type Tally } from '../tally.ts';
import type { BenchQuery } from './query.ts';

export const Q8_WINDOW = 10_000;

export interface Q8Row {
  readonly id: number;
  readonly name: string;
  readonly windowStart: number;
}

export function hashQ8(r: Q8Row): number {
  return mix(mix(mix(8, r.id), r.name.length), r.windowStart);
}

export const q8: BenchQuery<NexmarkEvent, Q8Row> = {
  id: 'q8',
  title: 'monitor new users',
  input: 'events',
  plan: 'events → watermarks → persons ⋈ (auctions → keyBy(seller) tumbling(10 s) count) on id = seller, window join tumbling(10 s) → sink',
  pipeline: (events: DataStream<NexmarkEvent>) => {
    const timed = events.withWatermarks({ timestamp: (e) => e.dateTime, maxOutOfOrderness: 0 });
    const persons = timed.filter((e) => e.person !== undefined).map((e) => e.person as Person);
    const sellers = timed
      .filter((e) => e.auction !== undefined)
      .map((e) => e.auction as Auction)
      .keyBy((a) => a.seller)
      .window(Windows.tumbling(Q8_WINDOW))
      .aggregate({ auctions: agg.count() });
    return persons
      .join(sellers)
      .where((p) => p.id)
      .equalTo((s) => s.key)
      .window(Windows.tumbling(Q8_WINDOW))
      .apply((p, s): Q8Row => ({ id: p.id, name: p.name, windowStart: s.windowStart }));
  },
  consumer: (tally: Tally) => (row: Q8Row) => tally.add(hashQ8(row)),
};
