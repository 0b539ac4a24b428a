// Clocks for processing time. The wall clock is used when live; a virtual clock is advanced by tests and by
// replay, so processing-time results do not depend on how fast the machine runs.

export interface Clock {
  /** Current processing time in ms. */
  now(): number;
  /** Resolves once now() >= time (or at once if it already is). */
  waitUntil(time: number, signal?: AbortSignal): Promise<void>;
  readonly virtual: boolean;
}

export class WallClock implements Clock {
  readonly virtual = false;
  now(): number {
    return Date.now();
  }
  waitUntil(time: number, signal?: AbortSignal): Promise<void> {
    const delay = Math.max(0, time - Date.now());
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.min(delay, 2 ** 31 - 1));
      function done(): void {
        signal?.removeEventListener('abort', done);
        clearTimeout(timer);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

/** A clock that moves only when told to. Waiters resume when it passes their time. */
export class VirtualClock implements Clock {
  readonly virtual = true;
  private time: number;
  private waiters: { time: number; resolve: () => void }[] = [];

  constructor(start = 0) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    this.set(this.time + ms);
  }
  /** Moves the clock to `time` (never backwards). */
  set(time: number): void {
    if (time < this.time) return;
    this.time = time;
    const due = this.waiters.filter((w) => w.time <= time);
    this.waiters = this.waiters.filter((w) => w.time > time);
    for (const w of due) w.resolve();
  }
  waitUntil(time: number, signal?: AbortSignal): Promise<void> {
    if (time <= this.time || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      };
      const waiter = {
        time,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
