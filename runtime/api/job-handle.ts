// JobHandle: what env.execute() returns. Await it for the job's result, or keep it to watch and steer a
// running (unbounded) job: status, metrics, pause(), resume(), stop().
import type { Job, JobStatus } from '../exec/job.ts';
import type { JobMetrics, MetricsSnapshot } from '../exec/job-metrics.ts';
import { snapshotInfo, type SnapshotInfo } from './snapshot-info.ts';

export interface JobResult {
  readonly name: string;
  readonly status: JobStatus;
  readonly metrics: MetricsSnapshot;
  readonly durationMs: number;
}

export class JobHandle implements PromiseLike<JobResult> {
  private readonly done: Promise<JobResult>;

  constructor(
    readonly name: string,
    private readonly job: Job,
    private readonly jobMetrics: JobMetrics,
    onEnd: () => void,
  ) {
    this.done = job.run().then(
      () => {
        onEnd();
        return this.result();
      },
      (e: unknown) => {
        onEnd();
        throw e;
      },
    );
    // A failure is reported through `then`; an unobserved handle must not crash the process.
    this.done.catch(() => {});
  }

  get status(): JobStatus {
    return this.job.status;
  }

  get metrics(): MetricsSnapshot {
    const m = this.jobMetrics.snapshot(Date.now());
    return { ...m, watermark: this.job.status === 'running' || this.job.status === 'paused' ? this.job.watermark : m.watermark };
  }

  /** How far each source has read: offset and, when known, the offset where it ends (bytes of a file, a count). */
  get sourceProgress(): { offset: number; total: number | undefined }[] {
    return this.job.sourceProgress();
  }

  /** Stops the job (with checkpointing, after a last checkpoint) and resolves with its result. */
  async stop(): Promise<JobResult> {
    await this.job.stop();
    return this.done;
  }

  /** Snapshots the running or paused job into `dir` (a new directory); resolves once it is durable. */
  async snapshot(dir: string): Promise<SnapshotInfo> {
    return snapshotInfo(dir, await this.job.snapshot(dir));
  }

  pause(): void {
    this.job.pause();
  }

  resume(): void {
    this.job.resume();
  }

  then<A = JobResult, B = never>(
    onFulfilled?: ((value: JobResult) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.done.then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<JobResult | B> {
    return this.done.catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<JobResult> {
    return this.done.finally(onFinally);
  }

  private result(): JobResult {
    const m = this.jobMetrics;
    return { name: this.name, status: this.job.status, metrics: m.snapshot(Date.now()), durationMs: m.endedAt - m.startedAt };
  }
}
