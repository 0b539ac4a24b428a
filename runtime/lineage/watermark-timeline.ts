// The watermark timeline: while a job runs with lineage on, each time processing time moves it notes the
// largest event time seen so far and the watermark of each source (its withWatermarks step) and of each
// operator that waits for watermarks (windows, joins, process functions, views: the watermark coming into
// them) — a point only when something changed. env.watermarkTimeline() charts it (timeline-chart.ts).
import type { PhysicalPlan, Instance } from '../exec/physical-plan.ts';
import { WatermarkAssigner } from '../operators/watermark-assigner.ts';

export interface TimelinePoint {
  /** The largest event time seen by the sources so far (ms). */
  readonly eventTime: number;
  /** Source or operator. */
  readonly series: string;
  readonly watermark: number;
}

/** How many points are kept at most (the oldest half is thinned when it fills). */
const MAX_POINTS = 200_000;
const WAITING = new Set(['window', 'join', 'intervalJoin', 'process', 'sink']);

export class WatermarkTimeline {
  points: TimelinePoint[] = [];
  /** The largest event time seen at the last sample. */
  latest = -Infinity;
  private last = new Map<string, number>();

  /** What to call when processing time moves, for a job of `plan`. */
  sampler(plan: PhysicalPlan): (now: number) => void {
    const assigners: { series: string; ops: WatermarkAssigner[] }[] = [];
    const waiting: { series: string; instances: Instance[] }[] = [];
    for (const node of plan.nodes) {
      const instances = plan.instances.filter((i) => i.node === node);
      const ops = instances.map((i) => i.op).filter((o): o is WatermarkAssigner => o instanceof WatermarkAssigner);
      if (ops.length > 0) assigners.push({ series: `source: ${node.label}`, ops });
      else if (WAITING.has(node.kind) && node.timestamps) waiting.push({ series: node.label, instances });
    }
    return () => {
      let eventTime = -Infinity;
      for (const a of assigners) for (const o of a.ops) eventTime = Math.max(eventTime, o.maxTimestamp);
      if (!Number.isFinite(eventTime)) return;
      this.latest = eventTime;
      for (const a of assigners) this.note(eventTime, a.series, Math.min(...a.ops.map((o) => o.watermark)));
      for (const w of waiting) this.note(eventTime, w.series, Math.min(...w.instances.map((i) => i.gate.watermark)));
    };
  }

  private note(eventTime: number, series: string, watermark: number): void {
    if (watermark === -Infinity || this.last.get(series) === watermark) return;
    this.last.set(series, watermark);
    if (watermark === Infinity) return; // the input ended: the line stops here
    if (this.points.length >= MAX_POINTS) this.points = this.points.filter((_, i) => i >= MAX_POINTS / 2 || i % 2 === 0);
    this.points.push({ eventTime, series, watermark });
  }

  /** The watermark of each series now (its last point). */
  current(): Map<string, number> {
    return new Map(this.last);
  }

  clear(): void {
    this.latest = -Infinity;
    this.points = [];
    this.last = new Map();
  }

  save(): unknown {
    return { points: this.points, last: [...this.last], latest: this.latest };
  }

  restore(saved: unknown): void {
    const s = saved as { points: TimelinePoint[]; last: [string, number][]; latest: number };
    this.latest = s.latest;
    this.points = [...s.points];
    this.last = new Map(s.last);
  }
}
