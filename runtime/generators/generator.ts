// The contract every deterministic data generator follows: random access by event index, so that the same
// index always gives the same event. That makes a generator replayable from any offset (snapshots, seek).

export interface Generator<T> {
  /** A short name shown in plans and errors, e.g. "nexmark.bids". */
  readonly name: string;
  /** The seed the events derive from, when the generator is random. */
  readonly seed?: number;
  /** Pace on the environment's clock; undefined runs as fast as possible. */
  readonly eventsPerSecond?: number;
  /** How many events in all; undefined means unbounded. */
  readonly count?: number;
  /** The event at `index` (0-based). Pure: the same index gives an equal event. */
  at(index: number): T;
}
