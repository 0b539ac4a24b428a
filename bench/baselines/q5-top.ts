// What both q5 loops do when a window is complete: find the largest count and emit every auction that has
// it, in auction order (the same rows, in the same order, as the pipeline's process function).
import { WINDOW_SIZE, type HotItem } from '../queries/q5.ts';

const SIZE = WINDOW_SIZE;

export function emitTop(windowStart: number, counts: Map<number, number>, emit: (row: HotItem) => void): void {
  let max = 0;
  for (const c of counts.values()) if (c > max) max = c;
  if (max === 0) return;
  const top: number[] = [];
  for (const [auction, c] of counts) if (c === max) top.push(auction);
  top.sort((a, b) => a - b);
  for (const auction of top) emit({ windowStart, windowEnd: windowStart + SIZE, auction, bids: max });
}

/** The q5 loops rely on bids arriving in event-time order (the generator's default). */
export function outOfOrder(t: number, last: number): Error {
  return new Error(`q5 loop: bid at ${t} after one at ${last}; the loops need bids in event-time order`);
}
