// The q4 loop: open auctions in a map with their best price, a min-heap of (expires, id) to close them as
// event time passes (an auction closes once an event later than its expiry arrives, and at the end of input),
// and a running count and sum per category.
import type { Auction, NexmarkEvent } from '../../runtime/index.ts';
import { inTime, type Q4Row } from '../queries/q4.ts';
import { ExpiryHeap } from './expiry-heap.ts';

interface Open {
  readonly auction: Auction;
  best: number;
}

interface Category {
  n: number;
  sum: number;
}

const counts = inTime;

export function q4Loop(events: readonly NexmarkEvent[], emit: (row: Q4Row) => void): void {
  const open = new Map<number, Open>();
  const heap = new ExpiryHeap();
  const categories = new Map<number, Category>();

  const close = (id: number): void => {
    const o = open.get(id);
    if (o === undefined) return;
    open.delete(id);
    if (o.best === -Infinity) return;
    const k = o.auction.category;
    let c = categories.get(k);
    if (c === undefined) categories.set(k, (c = { n: 0, sum: 0 }));
    c.n++;
    c.sum += o.best;
    emit({ key: k, auctions: c.n, avg: c.sum / c.n });
  };

  for (let i = 0; i < events.length; i++) {
    const e = events[i] as NexmarkEvent;
    const watermark = e.dateTime - 1;
    while (heap.size > 0 && heap.minExpires() <= watermark) close(heap.pop());
    const a = e.auction;
    if (a !== undefined) {
      open.set(a.id, { auction: a, best: -Infinity });
      heap.push(a.expires, a.id);
      continue;
    }
    const b = e.bid;
    if (b === undefined) continue;
    const o = open.get(b.auction);
    if (o !== undefined && counts(o.auction, b) && b.price > o.best) o.best = b.price;
  }
  while (heap.size > 0) close(heap.pop());
}
