// RxJS q7: groupBy the bid's tumbling window, each group reduced to its top bids when it completes; a
// group completes (a duration selector) when a bid of a later window arrives, or at the end of input.
import { from, groupBy, mergeMap, reduce, filter, tap, Subject } from 'rxjs';
import type { Bid } from '../../runtime/index.ts';
import { Q7_WINDOW, q7Row, type Q7Row } from '../queries/q7.ts';

export function q7Rx(bids: readonly Bid[], emit: (row: Q7Row) => void): void {
  const windowOf = (b: Bid): number => b.dateTime - (b.dateTime % Q7_WINDOW);
  const started = new Subject<number>(); // the start of each new window, as it begins
  let current = NaN;
  from(bids)
    .pipe(
      tap((b) => {
        const w = windowOf(b);
        if (w !== current) started.next((current = w));
      }),
      groupBy(windowOf, { duration: (g) => started.pipe(filter((s) => s > g.key)) }),
      mergeMap((g) =>
        g.pipe(
          reduce(
            (acc, b) => {
              if (b.price > acc.price) return { price: b.price, bids: [b] };
              if (b.price === acc.price) acc.bids.push(b);
              return acc;
            },
            { price: -Infinity, bids: [] as Bid[] },
          ),
          mergeMap((acc) => acc.bids.map((b) => q7Row(g.key, b))),
        ),
      ),
    )
    .subscribe(emit);
}
