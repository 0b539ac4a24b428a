// The common part of the teaching generators (sensors, clicks, trades): a name, a seed, an optional count and
// pace taken from their resolved options, and random access by index (generator.ts). Each generator adds only
// how the event at an index is made.
import type { Generator } from './generator.ts';
import type { ResolvedCommon } from './generator-options.ts';

export abstract class SeededGenerator<T, R extends ResolvedCommon> implements Generator<T> {
  abstract readonly name: string;
  readonly seed: number;
  declare readonly count?: number;
  declare readonly eventsPerSecond?: number;

  constructor(protected readonly r: R) {
    this.seed = r.seed;
    if (r.count !== undefined) this.count = r.count;
    if (r.eventsPerSecond !== undefined) this.eventsPerSecond = r.eventsPerSecond;
  }

  abstract at(index: number): T;
}
