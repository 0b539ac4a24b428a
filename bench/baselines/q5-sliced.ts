// The q5 reference loop, and the practical limit: window slicing (as Flink SQL's window aggregates do).
// Each bid increments one count, in the map of its 2-s slice; when a window is complete (a bid at or past
// its end arrives, i.e. the watermark passes its last millisecond) the counts of its five slices are
// summed and its top auctions emitted. At the end of input every window that holds a bid fires, as the
// final watermark does in the runtime.
import type { Bid } from '../../runtime/index.ts';
import { WINDOW_SIZE, WINDOW_SLIDE, type HotItem } from '../queries/q5.ts';
import { emitTop, outOfOrder } from './q5-top.ts';

const SIZE = WINDOW_SIZE;
const SLIDE = WINDOW_SLIDE;

export function q5SlicedLoop(bids: readonly Bid[], emit: (row: HotItem) => void): void {
  const slices = new Map<number, Map<number, number>>();
  let current = new Map<number, number>();
  let currentStart = NaN;
  let nextWindow = NaN; // start of the oldest window not yet fired
  let last = -Infinity;

  const fire = (start: number): void => {
    const counts = new Map<number, number>();
    for (let s = start; s < start + SIZE; s += SLIDE) {
      const slice = slices.get(s);
      if (slice === undefined) continue;
      for (const [auction, c] of slice) counts.set(auction, (counts.get(auction) ?? 0) + c);
    }
    emitTop(start, counts, emit);
    slices.delete(start); // later windows start after it
  };

  for (let i = 0; i < bids.length; i++) {
    const b = bids[i] as Bid;
    const t = b.dateTime;
    if (t < last) throw outOfOrder(t, last);
    last = t;
    if (!(t < currentStart + SLIDE)) {
      const s = t - (((t % SLIDE) + SLIDE) % SLIDE);
      if (Number.isNaN(nextWindow)) nextWindow = s - SIZE + SLIDE;
      for (; nextWindow + SIZE <= t; nextWindow += SLIDE) fire(nextWindow);
      current = new Map();
      slices.set(s, current);
      currentStart = s;
    }
    const a = b.auction;
    current.set(a, (current.get(a) ?? 0) + 1);
  }
  if (Number.isNaN(nextWindow)) return;
  for (; nextWindow <= currentStart; nextWindow += SLIDE) fire(nextWindow);
}
