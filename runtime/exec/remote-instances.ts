// What the step loop (job.ts) needs from operator instances that run on other threads (executor 'threads',
// exec/threads/thread-executor.ts): backpressure, processing time, the end, and their first error.

/** Operator instances running on other threads: what the step loop waits for (backpressure, the end) and tells. */
export interface RemoteInstances {
  /** null when they can take more input, else a promise that resolves once they can (rejects on their error). */
  ready(): Promise<void> | null;
  /** The clock reads `now` for what is pushed next (functions that read processing time see it). */
  clock(now: number): void;
  /** Processing time moved to `now`, after the batches read at `now`: fire their processing-time timers. */
  time(now: number): void;
  /** Resolves once `done()` holds; rejects with their first error. */
  drained(done: () => boolean): Promise<void>;
  /** Ends them (idempotent). */
  close(): Promise<void>;
  onError: (e: unknown) => void;
  /** The job paused or resumed: instances that read sources themselves hold or go on. */
  pause?(): void;
  resume?(): void;
}
