// Timers of one partition: (time, key) pairs, deduplicated, fired in time order and, within one time, in
// registration order. Windows and (later) process functions register their event-time and processing-time
// timers here, so that the snapshot issue can write them per key group.
import { MinHeap } from './min-heap.ts';

export type TimerCallback = (time: number, key: unknown, canonical: unknown) => void;

export class TimerService {
  private readonly times = new MinHeap();
  private readonly byTime = new Map<number, Map<unknown, unknown>>();

  /** Registers a timer for `key` (its canonical form `canonical`) at `time`; a duplicate is ignored. */
  register(time: number, canonical: unknown, key: unknown): void {
    let keys = this.byTime.get(time);
    if (keys === undefined) {
      keys = new Map();
      this.byTime.set(time, keys);
      this.times.push(time);
    }
    if (!keys.has(canonical)) keys.set(canonical, key);
  }

  /**
   * Removes the timer of `canonical` at `time`, if there is one (Flink's deleteEventTimeTimer). The heap may
   * keep the bare time; advance() and next skip times with no timers left.
   */
  delete(time: number, canonical: unknown): void {
    const keys = this.byTime.get(time);
    if (keys === undefined || !keys.delete(canonical)) return;
    if (keys.size === 0) this.byTime.delete(time);
  }

  /** Fires, in order, every timer with time <= `upTo`. Timers registered while firing fire too if due. */
  advance(upTo: number, fire: TimerCallback): void {
    while (this.times.size > 0 && this.times.peek() <= upTo) {
      const time = this.times.pop();
      const keys = this.byTime.get(time);
      this.byTime.delete(time);
      if (keys === undefined) continue;
      for (const [canonical, key] of keys) fire(time, key, canonical);
    }
  }

  /** The earliest pending timer, or Infinity. */
  get next(): number {
    while (this.times.size > 0 && !this.byTime.has(this.times.peek())) this.times.pop();
    return this.times.size > 0 ? this.times.peek() : Infinity;
  }

  get size(): number {
    let n = 0;
    for (const keys of this.byTime.values()) n += keys.size;
    return n;
  }

  /** Calls `f` for every pending timer, in firing order, without allocating per timer (snapshots). */
  forEachTimer(f: (time: number, canonical: unknown, key: unknown) => void): void {
    const times = [...this.byTime.keys()].sort((a, b) => a - b);
    for (const time of times) for (const [canonical, key] of this.byTime.get(time) as Map<unknown, unknown>) f(time, canonical, key);
  }

  /** Every pending timer, in time order (for snapshots and inspection). */
  *entries(): IterableIterator<{ time: number; key: unknown; canonical: unknown }> {
    const times = [...this.byTime.keys()].sort((a, b) => a - b);
    for (const time of times) {
      for (const [canonical, key] of this.byTime.get(time) ?? []) yield { time, key, canonical };
    }
  }
}
