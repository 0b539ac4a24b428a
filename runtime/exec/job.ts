// Runs a physical plan: pulls batches from the sources (paced on the job's clock), pushes them synchronously
// through the operator instances, tells operators when processing time moves, and yields to the event loop
// between slices of work so that a notebook or REPL stays responsive while a stream runs.
import { batchOf } from './batch.ts';
import type { PhysicalPlan, Instance } from './physical-plan.ts';
import type { SourceReader } from '../connectors/source.ts';
import type { Clock } from '../time/clock.ts';
import type { JobMetrics } from './job-metrics.ts';
import { CheckpointCoordinator, type CheckpointingSettings } from '../snapshot/coordinator.ts';
import { restoreIntoPlan } from '../snapshot/restore-into-plan.ts';
import type { Snapshot, Manifest } from '../snapshot/snapshot-model.ts';
import type { PartitionerKind } from './partitioning/index.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import type { RemoteInstances } from './remote-instances.ts';

export type JobStatus = 'created' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed';

export interface JobSettings {
  readonly name: string;
  readonly clock: Clock;
  readonly batchSize: number;
  readonly metrics: JobMetrics;
  /** Stop the job once these sink instances have finished (collect on a bounded branch). */
  readonly until?: Instance[];
  /** Longest stretch of synchronous work before yielding to the event loop (ms). */
  readonly sliceMs?: number;
  /** How often processing time is looked at while waiting for paced sources (wall clock, ms). */
  readonly tickMs?: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly partitioner: PartitionerKind;
  /** Start from this snapshot's state and source offsets. */
  readonly restore?: Snapshot;
  /** Take a checkpoint every intervalMs of processing time. */
  readonly checkpointing?: CheckpointingSettings;
  /** Called after each read from the sources and each time processing time moves (lineage's watermark timeline). */
  readonly onStep?: (now: number) => void;
  /** Instances that run on worker threads (executor 'threads'). */
  readonly remote?: RemoteInstances;
}

interface RunningSource {
  readonly id: string;
  readonly reader: SourceReader;
  readonly push: (rows: unknown[]) => void;
  readonly barrier: (id: number) => void;
  readonly end: () => void;
  ended: boolean;
}

export class Job {
  error: unknown = undefined;
  private readonly abort = new AbortController();
  private resumeWaiter: (() => void) | null = null;
  private pauseRequested = false;
  private readonly timed: Instance[];
  private readonly coordinator: CheckpointCoordinator;
  private readonly offsets: Map<string, number>;
  private sources: RunningSource[] = [];
  private pushing = false;
  private asyncError: unknown = undefined;
  private nextCheckpointAt = Infinity;
  private waking: AbortController | null = null;

  constructor(
    readonly plan: PhysicalPlan,
    readonly settings: JobSettings,
  ) {
    this.timed = plan.instances.filter((i) => i.op.onProcessingTime !== undefined);
    const restore = settings.restore;
    this.offsets = restore ? restoreIntoPlan(plan, restore, settings) : new Map();
    this.coordinator = new CheckpointCoordinator(
      plan,
      {
        job: settings.name,
        parallelism: settings.parallelism,
        maxParallelism: settings.maxParallelism,
        partitioner: settings.partitioner,
        restoredId: restore?.manifest.checkpointId ?? 0,
      },
      (id) => this.injectBarrier(id),
    );
    if (settings.remote) {
      settings.remote.onError = (e) => {
        this.asyncError ??= e;
        this.resumeWaiter?.();
      };
    }
  }

  /** The job's status, kept in its metrics so that views can follow it (JobMetrics.onStatus). */
  get status(): JobStatus {
    return this.settings.metrics.status;
  }

  set status(s: JobStatus) {
    this.settings.metrics.status = s;
  }

  /** Takes a snapshot of the running (or paused) job into `dir`. */
  snapshot(dir: string): Promise<Manifest> {
    if (this.settings.remote) return Promise.reject(new RivuletError('THREADS_UNSUPPORTED', { what: 'A snapshot' }));
    return this.coordinator.snapshot(dir);
  }

  /** How far each source has read: its offset and, when known, the offset where it ends (for progress bars). */
  sourceProgress(): { offset: number; total: number | undefined }[] {
    return this.sources.map((s) => ({ offset: s.reader.offset, total: s.reader.total }));
  }

  /** Takes a snapshot of the job between batches and keeps it in memory (replay's automatic snapshots). */
  captureSnapshot(): Snapshot {
    return this.coordinator.capture();
  }

  /** When the next source record is due (processing time); Infinity when none will be by time alone. */
  nextDue(): number {
    let next = Infinity;
    for (const s of this.sources) if (!s.ended) next = Math.min(next, s.reader.nextDue());
    return next;
  }

  /** Ends the job's wait for processing time at once, so that it reads its sources again (replay steps). */
  wake(): void {
    this.waking?.abort();
  }

  /** The lowest watermark over the sinks: how far the job has got in event time. */
  get watermark(): number {
    let min = Infinity;
    for (const s of this.plan.sinks) min = Math.min(min, s.gate.finished ? Infinity : s.gate.watermark);
    return this.plan.sinks.length === 0 ? -Infinity : min;
  }

  async run(): Promise<void> {
    const { clock, metrics } = this.settings;
    this.status = 'running';
    metrics.startedAt = Date.now();
    try {
      await this.loop(this.open(clock.now()));
      if (this.settings.remote && !this.isOver()) await this.settings.remote.drained(() => this.sinksDone());
      if (this.status === 'running' || this.status === 'paused') this.status = 'finished';
    } catch (e) {
      this.status = 'failed';
      this.error = e;
      throw e;
    } finally {
      await this.settings.remote?.close();
      metrics.endedAt = Date.now();
      metrics.watermark = this.watermark;
    }
  }

  /**
   * Stops the job. With checkpointing, it first takes a last checkpoint (Flink's stop-with-savepoint), so that a
   * restore continues exactly where it stopped; sinks then commit what they hold.
   */
  async stop(): Promise<void> {
    if (this.status === 'finished' || this.status === 'failed' || this.status === 'stopped') return;
    const c = this.settings.checkpointing;
    if (c !== undefined && this.status !== 'created') {
      this.pauseRequested = true;
      await this.coordinator.checkpoint(c);
    }
    if (this.isOver()) return;
    this.status = 'stopped';
    for (const inst of this.plan.instances) inst.op.onStop?.();
    this.abort.abort();
    this.resumeWaiter?.();
    void this.settings.remote?.close();
  }

  pause(): void {
    if (this.status === 'running') {
      this.pauseRequested = true;
      this.status = 'paused';
      this.settings.remote?.pause?.();
    }
  }

  resume(): void {
    if (this.status !== 'paused') return;
    this.pauseRequested = false;
    this.status = 'running';
    this.settings.remote?.resume?.();
    this.resumeWaiter?.();
  }

  private isOver(): boolean {
    return this.status === 'finished' || this.status === 'failed' || this.status === 'stopped';
  }

  private injectBarrier(id: number): Record<string, number> {
    if (this.pushing) throw new Error('A snapshot cannot be taken from inside a pipeline function.');
    const offsets: Record<string, number> = {};
    for (const s of this.sources) {
      offsets[s.id] = s.reader.offset;
      if (!s.ended) s.barrier(id);
    }
    return offsets;
  }

  private open(startTime: number): RunningSource[] {
    const metrics = this.settings.metrics;
    this.sources = this.plan.sources.map((s) => {
      const reader = (s.node.source as NonNullable<typeof s.node.source>).open(this.offsets.get(s.id) ?? 0, startTime);
      return {
        id: s.id,
        reader,
        barrier: (id: number) => s.out.barrier(id),
        ended: false,
        push: (rows) => {
          metrics.eventsIn += rows.length;
          s.out.push(batchOf(rows, -Infinity));
        },
        end: () => s.out.end(),
      };
    });
    const c = this.settings.checkpointing;
    if (c !== undefined) this.nextCheckpointAt = startTime + c.intervalMs;
    return this.sources;
  }

  /** Starts a periodic checkpoint when one is due; a failed checkpoint fails the job. */
  private maybeCheckpoint(now: number): void {
    const c = this.settings.checkpointing;
    if (c === undefined || now < this.nextCheckpointAt || this.coordinator.busy || this.sources.every((s) => s.ended)) return;
    this.nextCheckpointAt = now + c.intervalMs;
    this.coordinator.checkpoint(c).then(
      // One checkpoint is in flight at a time: if the next one fell due meanwhile, take it now (between
      // batches: this runs after the synchronous push that may be going on).
      () => {
        if (this.status === 'running' && !this.pushing) this.maybeCheckpoint(this.settings.clock.now());
      },
      (e: unknown) => {
        this.asyncError ??= e;
        this.resumeWaiter?.();
      },
    );
  }

  private async loop(sources: RunningSource[]): Promise<void> {
    const { clock, batchSize } = this.settings;
    const sliceMs = this.settings.sliceMs ?? 20;
    let sliceStart = Date.now();
    let lastTime = NaN;
    while (!this.done(sources)) {
      if (this.asyncError !== undefined) throw this.asyncError;
      if (this.pauseRequested) {
        await new Promise<void>((r) => (this.resumeWaiter = r));
        this.resumeWaiter = null;
        continue;
      }
      const wait = this.settings.remote?.ready();
      if (wait) {
        await wait;
        continue;
      }
      const now = clock.now();
      this.maybeCheckpoint(now);
      this.pushing = true;
      this.settings.remote?.clock(now);
      const progressed = this.readOnce(sources, now, batchSize);
      const moved = now !== lastTime;
      if (moved) {
        lastTime = now;
        for (const t of this.timed) (t.op.onProcessingTime as (n: number) => void)(now);
        this.settings.remote?.time(now);
      }
      if (moved || progressed) this.settings.onStep?.(now);
      this.pushing = false;
      if (this.done(sources)) break;
      if (!progressed) {
        await this.waitForWork(now);
        sliceStart = Date.now();
      } else if (Date.now() - sliceStart >= sliceMs) {
        await new Promise<void>((r) => setImmediate(r));
        sliceStart = Date.now();
      }
    }
  }

  private readOnce(sources: RunningSource[], now: number, batchSize: number): boolean {
    let progressed = false;
    for (const s of sources) {
      if (s.ended) continue;
      const rows = s.reader.read(batchSize, now);
      if (rows.length > 0) {
        progressed = true;
        s.push(rows);
      }
      if (s.reader.done) {
        s.ended = true;
        progressed = true;
        s.end();
      }
    }
    return progressed;
  }

  private done(sources: RunningSource[]): boolean {
    if (this.status === 'stopped' || this.sinksDone()) return true;
    return sources.every((s) => s.ended);
  }

  /** The sinks the job waits for have all finished. */
  private sinksDone(): boolean {
    const until = this.settings.until;
    if (until !== undefined && until.length > 0 && until.every((i) => i.gate.finished)) return true;
    return this.plan.sinks.length > 0 && this.plan.sinks.every((i) => i.gate.finished);
  }

  private async waitForWork(now: number): Promise<void> {
    const { clock } = this.settings;
    const next = this.nextDue();
    const tick = clock.virtual ? 1 : (this.settings.tickMs ?? 50);
    // One signal for both ways a wait ends early: stop() and wake().
    const stopped = this.abort.signal;
    if (stopped.aborted) return;
    const waking = (this.waking = new AbortController());
    const stop = (): void => waking.abort();
    stopped.addEventListener('abort', stop, { once: true });
    try {
      await clock.waitUntil(Math.min(next, now + tick), waking.signal);
    } finally {
      stopped.removeEventListener('abort', stop);
      this.waking = null;
    }
  }
}
