// A second q5 loop, with the runtime's algorithm: like Flink's sliding assigner, each bid increments its
// auction's count in each of the five windows it belongs to. Set beside the sliced loop, it separates what
// the algorithm costs (5 updates per bid instead of 1) from what the framework costs.
import type { Bid } from '../../runtime/index.ts';
import { WINDOW_SIZE, WINDOW_SLIDE, type HotItem } from '../queries/q5.ts';
import { emitTop, outOfOrder } from './q5-top.ts';

const SIZE = WINDOW_SIZE;
const SLIDE = WINDOW_SLIDE;

export function q5WindowsLoop(bids: readonly Bid[], emit: (row: HotItem) => void): void {
  const windows = new Map<number, Map<number, number>>(); // window start → auction → count
  let oldest = NaN; // start of the oldest window not yet fired
  let last = -Infinity;

  const fireOldest = (): void => {
    const counts = windows.get(oldest);
    if (counts !== undefined) {
      emitTop(oldest, counts, emit);
      windows.delete(oldest);
    }
    oldest += SLIDE;
  };

  for (let i = 0; i < bids.length; i++) {
    const b = bids[i] as Bid;
    const t = b.dateTime;
    if (t < last) throw outOfOrder(t, last);
    last = t;
    const top = t - (((t % SLIDE) + SLIDE) % SLIDE);
    if (Number.isNaN(oldest)) oldest = top - SIZE + SLIDE;
    while (oldest + SIZE <= t) fireOldest();
    const a = b.auction;
    for (let start = top; start > t - SIZE; start -= SLIDE) {
      let counts = windows.get(start);
      if (counts === undefined) {
        counts = new Map();
        windows.set(start, counts);
      }
      counts.set(a, (counts.get(a) ?? 0) + 1);
    }
  }
  while (windows.size > 0) fireOldest(); // the final watermark
}
