// RxJS q8: bufferWhen-free event-time windows: groupBy the event's tumbling window (a group completes when an
// event of a later window arrives, or at the end of input), each group reduced to its persons and sellers,
// then the persons who are also sellers.
import { from, groupBy, mergeMap, reduce, filter, tap, Subject } from 'rxjs';
import type { NexmarkEvent } from '../../runtime/index.ts';
import { Q8_WINDOW, type Q8Row } from '../queries/q8.ts';

export function q8Rx(events: readonly NexmarkEvent[], emit: (row: Q8Row) => void): void {
  const windowOf = (e: NexmarkEvent): number => e.dateTime - (e.dateTime % Q8_WINDOW);
  const started = new Subject<number>();
  let current = NaN;
  from(events)
    .pipe(
      tap((e) => {
        const w = windowOf(e);
        if (w !== current) started.next((current = w));
      }),
      filter((e) => e.kind !== 'bid'),
      groupBy(windowOf, { duration: (g) => started.pipe(filter((s) => s > g.key)) }),
      mergeMap((g) =>
        g.pipe(
          reduce(
            (acc, e) => {
              if (e.person !== undefined) acc.persons.set(e.person.id, e.person.name);
              else if (e.auction !== undefined) acc.sellers.add(e.auction.seller);
              return acc;
            },
            { persons: new Map<number, string>(), sellers: new Set<number>() },
          ),
          mergeMap((acc) => {
            const rows: Q8Row[] = [];
            for (const [id, name] of acc.persons) if (acc.sellers.has(id)) rows.push({ id, name, windowStart: g.key });
            return rows;
          }),
        ),
      ),
    )
    .subscribe(emit);
}
