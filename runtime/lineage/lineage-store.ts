// What lineage keeps, per environment, once env.enableLineage() is on: for each keyed window operator, per
// (key, window) the input records that went into it and those that came too late for it, with their arrival
// order, event time and the watermark they met, and the watermark each firing happened at; plus the
// watermark timeline. With lineage off nothing here exists and no operator does any lineage work. A new job
// starts it empty (a replay that seeks back puts back what its snapshot held).
import type { StreamEnvironment } from '../api/stream-environment.ts';
import type { LogicalNode } from '../graph/node.ts';
import { WatermarkTimeline } from './watermark-timeline.ts';

export interface LineageRecord {
  /** The record's arrival order in its recording (null when it did not come straight from one). */
  readonly arrival: number | null;
  readonly eventTime: number;
  /** The window operator's watermark when the record came in. */
  readonly watermark: number;
  readonly record: unknown;
}

export interface LateRecord extends LineageRecord {
  /** Late for every window it belongs to: 'late output' when lateOutput() is read, else 'dropped'. */
  readonly fate: 'dropped' | 'late output';
}

export interface WindowLineageEntry {
  readonly key: unknown;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly contributed: LineageRecord[];
  readonly late: LateRecord[];
  /** The watermark at each firing (more than one with allowed lateness). */
  readonly firings: number[];
}

/** One keyed window operator's lineage: its entries by key and window start. */
export class WindowLineage {
  readonly entries = new Map<string, WindowLineageEntry>();

  constructor(readonly node: LogicalNode, readonly supported: boolean) {}

  entry(key: unknown, windowStart: number, windowEnd: number): WindowLineageEntry {
    const id = entryId(key, windowStart);
    let e = this.entries.get(id);
    if (e === undefined) this.entries.set(id, (e = { key, windowStart, windowEnd, contributed: [], late: [], firings: [] }));
    return e;
  }
}

export const entryId = (key: unknown, windowStart: number): string => `${JSON.stringify(key) ?? String(key)}|${windowStart}`;

/** Lineage of every window node, wherever explain() finds it from a view. */
const byNode = new WeakMap<LogicalNode, WindowLineage>();

export function windowLineageOf(node: LogicalNode): WindowLineage | undefined {
  return byNode.get(node);
}

export class LineageStore {
  readonly windows: WindowLineage[] = [];
  readonly arrivals = new WeakMap<object, number>();
  readonly timeline = new WatermarkTimeline();

  /** The lineage of a window node for the job being built (made once per job). */
  windowFor(node: LogicalNode, supported: boolean): WindowLineage {
    let w = this.windows.find((x) => x.node === node);
    if (w === undefined) {
      w = new WindowLineage(node, supported);
      this.windows.push(w);
      byNode.set(node, w);
    }
    return w;
  }

  /** Notes where a record arrived in its recording. */
  noteArrival(record: unknown, n: number): void {
    if (typeof record === 'object' && record !== null) this.arrivals.set(record, n);
  }

  arrivalOf(record: unknown): number | null {
    return typeof record === 'object' && record !== null ? (this.arrivals.get(record) ?? null) : null;
  }

  /** Forgets everything (a new job starts). */
  clear(): void {
    for (const w of this.windows) w.entries.clear();
    this.timeline.clear();
  }

  /** A copy of what is kept now (replay's automatic snapshots hold one). */
  save(): unknown {
    return structuredClone({ windows: this.windows.map((w) => [...w.entries]), timeline: this.timeline.save() });
  }

  restore(saved: unknown): void {
    const s = structuredClone(saved) as { windows: [string, WindowLineageEntry][][]; timeline: unknown };
    this.windows.forEach((w, i) => {
      w.entries.clear();
      for (const [id, e] of s.windows[i] ?? []) w.entries.set(id, e);
    });
    this.timeline.restore(s.timeline);
  }
}

const stores = new WeakMap<StreamEnvironment, LineageStore>();

/** The environment's lineage store, or undefined while lineage is off. */
export function lineageOf(env: StreamEnvironment): LineageStore | undefined {
  return stores.get(env);
}

/** Switches lineage on for the jobs the environment starts from now on. */
export function enableLineage(env: StreamEnvironment): LineageStore {
  let store = stores.get(env);
  if (store !== undefined) return store;
  const s = (store = new LineageStore());
  stores.set(env, s);
  env.onJob((plan) => {
    s.clear();
    return s.timeline.sampler(plan);
  });
  return s;
}
