// The q1 loop: converts every bid of the array (a new row object each, as the map operator makes) and
// hands it to the consumer. When all of it inlines, V8 may never allocate the row (escape analysis): a
// loop gets that, rows that travel in batches between operators cannot, and it is part of the gap.
import type { Bid } from '../../runtime/index.ts';
import { toEuros, type Q1Row } from '../queries/q1.ts';

const convert = toEuros;

export function q1Loop(bids: readonly Bid[], emit: (row: Q1Row) => void): void {
  for (let i = 0; i < bids.length; i++) emit(convert(bids[i] as Bid));
}
