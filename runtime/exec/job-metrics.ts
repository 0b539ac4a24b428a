// Counters a running job keeps: what views, the REPL status line and JobHandle.metrics show. The job's
// status lives here too, so that whatever holds the metrics (a view's sink gets them in its context) can
// follow the job as it starts, pauses, resumes and ends.
import type { JobStatus } from './job.ts';

export type StatusListener = (status: JobStatus) => void;

/** Where a replay is (env.replay), for views to show: events released, the latest event time, the speed. */
export interface ReplayProgress {
  readonly events: number;
  readonly eventTime: number | null;
  readonly speed: number;
}

export class JobMetrics {
  eventsIn = 0;
  lateDropped = 0;
  /** Malformed input records sent to a dead-letter output. */
  deadLetters = 0;
  recordsOut = 0;
  /** The lowest watermark among the sinks (the job's progress in event time). */
  watermark = -Infinity;
  startedAt = 0;
  endedAt = 0;
  /** Set when the job runs under a replay controller: its position now. */
  replay: (() => ReplayProgress) | null = null;
  private currentStatus: JobStatus = 'created';
  private statusListeners: StatusListener[] = [];

  /** The job's status (set by the job). Listeners hear every change, synchronously. */
  get status(): JobStatus {
    return this.currentStatus;
  }

  set status(s: JobStatus) {
    if (s === this.currentStatus) return;
    this.currentStatus = s;
    for (const listener of this.statusListeners) {
      try {
        listener(s);
      } catch (e) {
        // A listener (a view, a status line) must never fail the job.
        process.emitWarning(`A job status listener threw: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  /** Calls `listener` on every status change from now on; returns the function that stops it. */
  onStatus(listener: StatusListener): () => void {
    this.statusListeners = [...this.statusListeners, listener];
    return () => {
      this.statusListeners = this.statusListeners.filter((l) => l !== listener);
    };
  }

  /** Events per second since the start (or over the whole run once ended). */
  eventsPerSecond(now: number): number {
    const end = this.endedAt || now;
    const secs = (end - this.startedAt) / 1000;
    return secs > 0 ? this.eventsIn / secs : 0;
  }

  snapshot(now: number): MetricsSnapshot {
    return {
      eventsIn: this.eventsIn,
      eventsPerSecond: Math.round(this.eventsPerSecond(now)),
      lateDropped: this.lateDropped,
      deadLetters: this.deadLetters,
      recordsOut: this.recordsOut,
      watermark: this.watermark,
    };
  }
}

export interface MetricsSnapshot {
  eventsIn: number;
  eventsPerSecond: number;
  lateDropped: number;
  deadLetters: number;
  recordsOut: number;
  watermark: number;
}
