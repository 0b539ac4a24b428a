// A worker thread of executor 'threads': rebuilds the job's plan from its description, creates the operator
// instances placed on this worker, and runs them as gate messages arrive from the main thread and from other
// workers. Processing time comes from the main thread. The first error is reported and stops the work here;
// the main thread then fails the job and terminates every worker. When the job's sources are replicated
// (source-replication.ts), the worker also reads them itself, with the step loop of the single-thread executor
// (job.ts), and reports when they are done.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { buildPhysicalPlan } from '../physical-plan.ts';
import { JobMetrics } from '../job-metrics.ts';
import { memoryBackend } from '../../state/backends/memory-backend.ts';
import type { PartitionerKind } from '../partitioning/index.ts';
import { rebuildPlan, type PlanDescription } from './plan-description.ts';
import { ThreadPlacement } from './placement.ts';
import { deliver, isGateMessage } from './deliver.ts';
import { toWireError } from './wire-error.ts';
import { FollowingClock } from './following-clock.ts';
import { Job } from '../job.ts';
import { WallClock } from '../../time/clock.ts';
import type { Link, ThreadMessage } from './messages.ts';

export interface WorkerInit {
  readonly plan: PlanDescription;
  readonly self: number;
  readonly workers: number;
  /** A port to every other worker, by thread number (index 0 and self unused). */
  readonly peers: (MessagePort | null)[];
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly partitioner: PartitionerKind;
  readonly startTime: number;
  readonly virtualClock: boolean;
  /** Rows per source read, for replicated sources. */
  readonly batchSize: number;
}

const init = workerData as WorkerInit;
const main = parentPort as NonNullable<typeof parentPort>;
let failed = false;

function fail(e: unknown): void {
  if (failed) return;
  failed = true;
  main.postMessage({ t: 'error', error: toWireError(e) });
}

try {
  start();
} catch (e) {
  fail(e);
}

function start(): void {
  const linkTo = (thread: number): Link => (thread === 0 ? main : (init.peers[thread] as MessagePort));
  const placement = new ThreadPlacement(init.plan.region, init.workers, init.self, linkTo, undefined, init.plan.replicated);
  const metrics = new JobMetrics();
  const replicated = init.plan.replicated.length > 0;
  // Sources are replicated only on the wall clock, read here directly since no main-thread step loop sends the time.
  const clock = replicated ? new WallClock() : new FollowingClock(init.startTime, init.virtualClock);
  const plan = buildPhysicalPlan(rebuildPlan(init.plan), {
    parallelism: init.parallelism,
    maxParallelism: init.maxParallelism,
    partitioner: init.partitioner,
    clock,
    metrics,
    write: (text) => console.log(text),
    stateBackend: memoryBackend,
    checkpointing: false,
    placement,
  });
  const progress = (): void => main.postMessage({ t: 'ack', n: 0, lateDropped: metrics.lateDropped });
  const timed = plan.instances.filter((i) => i.op.onProcessingTime !== undefined);
  let job: Job | null = null;
  const handle = (m: ThreadMessage, fromMain: boolean): void => {
    if (failed) return;
    try {
      if (isGateMessage(m)) deliver(placement.gates, m);
      else if (m.t === 'clock' && clock instanceof FollowingClock) clock.set(m.now);
      else if (m.t === 'pause') job?.pause();
      else if (m.t === 'resume') job?.resume();
      else if (m.t === 'time') {
        if (clock instanceof FollowingClock) clock.set(m.now);
        for (const t of timed) (t.op.onProcessingTime as (n: number) => void)(m.now);
      }
      if (fromMain && isGateMessage(m)) main.postMessage({ t: 'ack', n: 1, lateDropped: metrics.lateDropped });
      else if (replicated && isGateMessage(m)) progress();
    } catch (e) {
      fail(e);
    }
  };
  main.on('message', (m: ThreadMessage) => handle(m, true));
  for (const port of init.peers) port?.on('message', (m: ThreadMessage) => handle(m, false));
  if (replicated) {
    const sourcesJob = new Job(plan, {
      name: 'worker',
      clock,
      batchSize: init.batchSize,
      metrics,
      parallelism: init.parallelism,
      maxParallelism: init.maxParallelism,
      partitioner: init.partitioner,
    });
    job = sourcesJob;
    sourcesJob.run().then(
      () => {
        if (!failed) main.postMessage({ t: 'sourced', eventsIn: metrics.eventsIn, lateDropped: metrics.lateDropped });
      },
      (e: unknown) => fail(e),
    );
  }
}
