// The automatic snapshots of a replay: taken in memory every `every` events while the controller plays or
// steps, each with the replay position and the replay clock's time it was taken at, so that seek back can
// restore the latest one at or before an event time and step forward from there.
import type { Job } from '../../exec/job.ts';
import type { Snapshot } from '../../snapshot/snapshot-model.ts';
import type { ReplayBudget } from '../../connectors/recording/replay-budget.ts';
import type { VirtualClock } from '../../time/clock.ts';
import type { LineageStore } from '../../lineage/lineage-store.ts';

export interface ReplayMark {
  /** Events released when it was taken, and the latest event time among them. */
  readonly events: number;
  readonly eventTime: number;
  /** The replay clock's time then. */
  readonly clock: number;
  readonly snapshot: Snapshot;
  /** The job's late and dead-letter counts then (views show them). */
  readonly lateDropped: number;
  readonly deadLetters: number;
  /** What lineage held then (when it is on). */
  readonly lineage: unknown;
}

export class ReplaySnapshots {
  every = 1000;
  private marks: ReplayMark[] = [];

  /** Takes a snapshot if `every` events have been released since the last one. */
  maybeTake(job: Job, budget: ReplayBudget, clock: VirtualClock, lineage: LineageStore | undefined): void {
    const last = this.marks.at(-1)?.events ?? 0;
    if (budget.released - last < this.every) return;
    let snapshot: Snapshot;
    try {
      snapshot = job.captureSnapshot();
    } catch {
      return; // a checkpoint of the environment's own is in flight: take it next time
    }
    const m = job.settings.metrics;
    this.marks.push({
      events: budget.released, eventTime: budget.eventTime, clock: clock.now(), snapshot,
      lateDropped: m.lateDropped, deadLetters: m.deadLetters, lineage: lineage?.save(),
    });
  }

  /** The latest snapshot whose position is at or before `eventTime` (null: start from the beginning). */
  before(eventTime: number): ReplayMark | null {
    let best: ReplayMark | null = null;
    for (const m of this.marks) if (m.eventTime <= eventTime && (best === null || m.events > best.events)) best = m;
    return best;
  }

  get size(): number {
    return this.marks.length;
  }

  clear(): void {
    this.marks = [];
  }
}
