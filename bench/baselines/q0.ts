// The q0 loops: every bid of the array handed to the consumer (the practical limit of a pass-through), and
// the same over the generator, which shows what generating bids costs by itself.
import type { Bid, Generator } from '../../runtime/index.ts';

export function q0Loop(bids: readonly Bid[], emit: (row: Bid) => void): void {
  for (let i = 0; i < bids.length; i++) emit(bids[i] as Bid);
}

/** Generates bids 0..count-1 with `gen.at(i)` and hands each to the consumer. */
export function q0LoopGenerating(gen: Generator<Bid>, count: number, emit: (row: Bid) => void): void {
  for (let i = 0; i < count; i++) emit(gen.at(i));
}
