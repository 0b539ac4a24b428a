// Both inputs of a join travel to the join operator as one keyed stream: each element is tagged with the side
// it comes from. The late-data output of a join carries these tagged elements.
import { portable } from '../../graph/portable.ts';

export type JoinSide = 'left' | 'right';

/** An element of one join input, tagged with its side. */
export type Tagged<L, R> = { side: 'left'; row: L } | { side: 'right'; row: R };

export function tagLeft<L>(row: L): { side: 'left'; row: L } {
  return { side: 'left', row };
}

export function tagRight<R>(row: R): { side: 'right'; row: R } {
  return { side: 'right', row };
}

/** The join key of a tagged element: the left key selector for left elements, the right one otherwise. */
export function taggedKey(left: (row: any) => unknown, right: (row: any) => unknown): (t: Tagged<unknown, unknown>) => unknown {
  return portable((t: Tagged<unknown, unknown>) => (t.side === 'left' ? left(t.row) : right(t.row)), 'taggedKey', [left, right]);
}
