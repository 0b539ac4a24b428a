// RxJS q3: filter the persons and auctions that can match, groupBy the join key (person id, seller), and in
// each group a mergeMap that remembers the person and the auctions waiting for one.
import { from, filter, groupBy, mergeMap, type Observable, EMPTY, of } from 'rxjs';
import type { Auction, NexmarkEvent, Person } from '../../runtime/index.ts';
import { q3Relevant, q3Row, type Q3Row } from '../queries/q3.ts';

export function q3Rx(events: readonly NexmarkEvent[], emit: (row: Q3Row) => void): void {
  from(events)
    .pipe(
      filter(q3Relevant),
      groupBy((e) => (e.person !== undefined ? e.person.id : (e.auction as Auction).seller)),
      mergeMap((group) => {
        let person: Person | undefined;
        let waiting: Auction[] = [];
        return group.pipe(
          mergeMap((e): Observable<Q3Row> => {
            if (e.person !== undefined) {
              const p = e.person;
              person = p;
              const early = waiting;
              waiting = [];
              return early.length === 0 ? EMPTY : from(early.map((a) => q3Row(p, a)));
            }
            const a = e.auction as Auction;
            if (person !== undefined) return of(q3Row(person, a));
            waiting.push(a);
            return EMPTY;
          }),
        );
      }),
    )
    .subscribe(emit);
}
