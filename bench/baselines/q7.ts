// The q7 loop: bids arrive in event-time order, so one window is open at a time; keep its top price and the
// bids at it, and emit them when a bid of a later window arrives (and at the end of input).
import type { Bid } from '../../runtime/index.ts';
import { Q7_WINDOW, q7Row, type Q7Row } from '../queries/q7.ts';
import { outOfOrder } from './q5-top.ts';

const SIZE = Q7_WINDOW;
const row = q7Row;

export function q7Loop(bids: readonly Bid[], emit: (row: Q7Row) => void): void {
  let start = NaN;
  let price = -Infinity;
  let top: Bid[] = [];
  let last = -Infinity;
  for (let i = 0; i < bids.length; i++) {
    const b = bids[i] as Bid;
    const t = b.dateTime;
    if (t < last) throw outOfOrder(t, last);
    last = t;
    if (!(t < start + SIZE)) {
      for (const x of top) emit(row(start, x));
      start = t - (((t % SIZE) + SIZE) % SIZE);
      price = -Infinity;
      top = [];
    }
    if (b.price > price) {
      price = b.price;
      top = [b];
    } else if (b.price === price) top.push(b);
  }
  for (const x of top) emit(row(start, x));
}
