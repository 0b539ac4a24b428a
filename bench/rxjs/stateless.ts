// RxJS baselines of q0, q1 and q2, written as a JS user would: an Observable over the array, the operators,
// and subscribe with the consumer. RxJS runs `from(array)` synchronously, so a subscription is one run.
import { from, map, filter } from 'rxjs';
import type { Bid } from '../../runtime/index.ts';
import { toEuros, type Q1Row } from '../queries/q1.ts';
import { AUCTION_MODULUS, type Q2Row } from '../queries/q2.ts';

export function q0Rx(bids: readonly Bid[], emit: (row: Bid) => void): void {
  from(bids).subscribe(emit);
}

export function q1Rx(bids: readonly Bid[], emit: (row: Q1Row) => void): void {
  from(bids).pipe(map(toEuros)).subscribe(emit);
}

export function q2Rx(bids: readonly Bid[], emit: (row: Q2Row) => void): void {
  from(bids)
    .pipe(
      filter((b) => b.auction % AUCTION_MODULUS === 0),
      map((b): Q2Row => ({ auction: b.auction, price: b.price })),
    )
    .subscribe(emit);
}
