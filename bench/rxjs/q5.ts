// RxJS q5: each bid counted in its five sliding windows inside a mergeMap that also emits the windows the
// bid's event time has closed (their top auctions), and a sentinel after the last bid closes the rest.
import { from, concat, of, mergeMap } from 'rxjs';
import type { Bid } from '../../runtime/index.ts';
import { WINDOW_SIZE, WINDOW_SLIDE, type HotItem } from '../queries/q5.ts';

const END = null;

function top(windowStart: number, counts: Map<number, number>): HotItem[] {
  let max = 0;
  for (const c of counts.values()) if (c > max) max = c;
  const rows: HotItem[] = [];
  for (const [auction, c] of counts) if (c === max) rows.push({ windowStart, windowEnd: windowStart + WINDOW_SIZE, auction, bids: max });
  return rows;
}

export function q5Rx(bids: readonly Bid[], emit: (row: HotItem) => void): void {
  const windows = new Map<number, Map<number, number>>();
  const closeUntil = (t: number): HotItem[] => {
    const out: HotItem[] = [];
    for (const [start, counts] of windows) {
      if (start + WINDOW_SIZE > t) continue;
      out.push(...top(start, counts));
      windows.delete(start);
    }
    return out;
  };
  concat(from(bids), of(END))
    .pipe(
      mergeMap((b) => {
        if (b === END) return closeUntil(Infinity);
        const t = b.dateTime;
        const closed = closeUntil(t);
        const last = t - (t % WINDOW_SLIDE);
        for (let s = last; s > t - WINDOW_SIZE; s -= WINDOW_SLIDE) {
          let counts = windows.get(s);
          if (counts === undefined) windows.set(s, (counts = new Map()));
          counts.set(b.auction, (counts.get(b.auction) ?? 0) + 1);
        }
        return closed;
      }),
    )
    .subscribe(emit);
}
