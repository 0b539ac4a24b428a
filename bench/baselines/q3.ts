// The q3 loop: the join by hand, two maps: qualifying persons by id, and auctions waiting for their seller.
import type { Auction, NexmarkEvent, Person } from '../../runtime/index.ts';
import { q3Person, q3Row, Q3_CATEGORY, type Q3Row } from '../queries/q3.ts';

const CATEGORY = Q3_CATEGORY;
const qualifies = q3Person;
const row = q3Row;

export function q3Loop(events: readonly NexmarkEvent[], emit: (row: Q3Row) => void): void {
  const persons = new Map<number, Person>();
  const waiting = new Map<number, Auction[]>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as NexmarkEvent;
    const p = e.person;
    if (p !== undefined) {
      if (!qualifies(p)) continue;
      persons.set(p.id, p);
      const early = waiting.get(p.id);
      if (early !== undefined) {
        for (const a of early) emit(row(p, a));
        waiting.delete(p.id);
      }
      continue;
    }
    const a = e.auction;
    if (a === undefined || a.category !== CATEGORY) continue;
    const seller = persons.get(a.seller);
    if (seller !== undefined) emit(row(seller, a));
    else {
      const list = waiting.get(a.seller);
      if (list === undefined) waiting.set(a.seller, [a]);
      else list.push(a);
    }
  }
}
