// A worker's processing-time clock: it follows the main thread's clock, which sends the time whenever it moves
// (in order with the batches, so that a virtual clock gives the same results as on one thread).
import type { Clock } from '../../time/clock.ts';

export class FollowingClock implements Clock {
  constructor(
    private time: number,
    readonly virtual: boolean,
  ) {}

  now(): number {
    return this.time;
  }

  set(now: number): void {
    if (now > this.time) this.time = now;
  }

  /** Workers never wait on the clock: the main thread paces the sources. */
  waitUntil(): Promise<void> {
    return Promise.resolve();
  }
}
