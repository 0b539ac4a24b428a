// The q2 loop: one pass over the array, test, project, emit.
import type { Bid } from '../../runtime/index.ts';
import { AUCTION_MODULUS, type Q2Row } from '../queries/q2.ts';

const M = AUCTION_MODULUS;

export function q2Loop(bids: readonly Bid[], emit: (row: Q2Row) => void): void {
  for (let i = 0; i < bids.length; i++) {
    const b = bids[i] as Bid;
    if (b.auction % M === 0) emit({ auction: b.auction, price: b.price });
  }
}
