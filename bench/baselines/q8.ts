// The q8 loop: events arrive in event-time order, so one 10-s window is open at a time; keep the persons
// registered in it and the sellers who opened an auction in it, and when the window ends emit the persons
// who are also sellers.
import type { NexmarkEvent } from '../../runtime/index.ts';
import { Q8_WINDOW, type Q8Row } from '../queries/q8.ts';

const SIZE = Q8_WINDOW;

export function q8Loop(events: readonly NexmarkEvent[], emit: (row: Q8Row) => void): void {
  let start = NaN;
  let persons = new Map<number, string>();
  let sellers = new Set<number>();
  const fire = (): void => {
    for (const [id, name] of persons) if (sellers.has(id)) emit({ id, name, windowStart: start });
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as NexmarkEvent;
    const t = e.dateTime;
    if (!(t < start + SIZE)) {
      fire();
      start = t - (((t % SIZE) + SIZE) % SIZE);
      persons = new Map();
      sellers = new Set();
    }
    if (e.person !== undefined) persons.set(e.person.id, e.person.name);
    else if (e.auction !== undefined) sellers.add(e.auction.seller);
  }
  fire();
}
