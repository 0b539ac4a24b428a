// env.enableLineage() and env.watermarkTimeline(), added to StreamEnvironment from here (imported by
// runtime/index.ts) so that the environment itself does not depend on lineage.
import { StreamEnvironment } from '../api/stream-environment.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { enableLineage, lineageOf } from './lineage-store.ts';
import { TimelineChart } from './timeline-chart.ts';

declare module '../api/stream-environment.ts' {
  interface StreamEnvironment {
    /**
     * Keeps lineage for the jobs started from now on: what went into each keyed window (for explain(view, ...))
     * and the watermark timeline. Off by default, and then it costs nothing.
     */
    enableLineage(): this;
    /** The watermark of each source and operator against event time, as a chart (lineage must be on). */
    watermarkTimeline(): TimelineChart;
  }
}

Object.defineProperty(StreamEnvironment.prototype, 'enableLineage', {
  value: function (this: StreamEnvironment): StreamEnvironment {
    // Workers rebuild plain window operators: lineage would silently miss what they see.
    if (this.executor === 'threads') throw new RivuletError('THREADS_UNSUPPORTED', { what: 'Lineage (env.enableLineage())' });
    enableLineage(this);
    return this;
  },
  writable: true,
  configurable: true,
});

Object.defineProperty(StreamEnvironment.prototype, 'watermarkTimeline', {
  value: function (this: StreamEnvironment): TimelineChart {
    const store = lineageOf(this);
    if (store === undefined) throw new RivuletError('LINEAGE_OFF', { what: 'env.watermarkTimeline()' });
    return new TimelineChart(store.timeline);
  },
  writable: true,
  configurable: true,
});
