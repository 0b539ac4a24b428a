// Counters a running job keeps: what views, the REPL status line and JobHandle.metrics show.

export class JobMetrics {
  eventsIn = 0;
  lateDropped = 0;
  recordsOut = 0;
  /** The lowest watermark among the sinks (the job's progress in event time). */
  watermark = -Infinity;
  startedAt = 0;
  endedAt = 0;

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
      recordsOut: this.recordsOut,
      watermark: this.watermark,
    };
  }
}

export interface MetricsSnapshot {
  eventsIn: number;
  eventsPerSecond: number;
  lateDropped: number;
  recordsOut: number;
  watermark: number;
}
