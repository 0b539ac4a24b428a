// RxJS q4: one mergeMap keeps the open auctions and closes those whose expiry event time has passed (a
// sentinel after the last event closes the rest), then groupBy(category) with a scan for the running average.
import { from, concat, of, mergeMap, groupBy, scan, map } from 'rxjs';
import type { Auction, NexmarkEvent } from '../../runtime/index.ts';
import { inTime, type Q4Row, type WinningBid } from '../queries/q4.ts';
import { ExpiryHeap } from '../baselines/expiry-heap.ts';

const END = null;

export function q4Rx(events: readonly NexmarkEvent[], emit: (row: Q4Row) => void): void {
  const open = new Map<number, { auction: Auction; best: number }>();
  const heap = new ExpiryHeap();
  const closeUntil = (watermark: number): WinningBid[] => {
    const closed: WinningBid[] = [];
    while (heap.size > 0 && heap.minExpires() <= watermark) {
      const id = heap.pop();
      const o = open.get(id);
      if (o === undefined) continue;
      open.delete(id);
      if (o.best !== -Infinity) closed.push({ auction: id, category: o.auction.category, final: o.best });
    }
    return closed;
  };
  concat(from(events), of(END))
    .pipe(
      mergeMap((e) => {
        if (e === END) return closeUntil(Infinity);
        const closed = closeUntil(e.dateTime - 1);
        if (e.auction !== undefined) {
          open.set(e.auction.id, { auction: e.auction, best: -Infinity });
          heap.push(e.auction.expires, e.auction.id);
        } else if (e.bid !== undefined) {
          const o = open.get(e.bid.auction);
          if (o !== undefined && inTime(o.auction, e.bid) && e.bid.price > o.best) o.best = e.bid.price;
        }
        return closed;
      }),
      groupBy((w) => w.category),
      mergeMap((g) =>
        g.pipe(
          scan((acc, w) => ({ n: acc.n + 1, sum: acc.sum + w.final }), { n: 0, sum: 0 }),
          map((acc): Q4Row => ({ key: g.key, auctions: acc.n, avg: acc.sum / acc.n })),
        ),
      ),
    )
    .subscribe(emit);
}
