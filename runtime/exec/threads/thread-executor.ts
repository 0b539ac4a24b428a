// The main thread's side of executor 'threads': it describes the plan for the workers (refusing functions that
// cannot travel), starts one worker per core (at most one per partition), builds its own part of the plan
// (sources, the steps before the first hash exchange, sinks), and relays between them: gate messages in both
// directions, processing time, backpressure (at most HIGH unprocessed messages per worker), the first error,
// and the end. Workers are always terminated when the job ends, fails or is stopped.
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { LogicalNode } from '../../graph/node.ts';
import { buildPhysicalPlan, type PhysicalPlan, type PlanSettings } from '../physical-plan.ts';
import { RivuletError } from '../../errors/rivulet-error.ts';
import { describePlan, type PlanDescription } from './plan-description.ts';
import { ThreadPlacement } from './placement.ts';
import { deliver, isGateMessage } from './deliver.ts';
import { fromWireError } from './wire-error.ts';
import { startWorker } from './start-worker.ts';
import { sourceReplicationEnabled } from './source-replication.ts';
import type { ThreadMessage } from './messages.ts';
import type { WorkerInit } from './worker-main.ts';

const HIGH = 16;
const LOW = 4;

export interface ThreadOptions {
  /** Worker threads (default: one per core, at most one per partition). */
  readonly workers?: number;
  /** Rows per source read (the job's batch size). */
  readonly batchSize?: number;
  /** Let workers read the sources themselves when they can be described as data (default true). */
  readonly replicateSources?: boolean;
}

export class ThreadExecutor {
  readonly plan: PhysicalPlan;
  /** Called with the first error of a worker (or of a main-thread instance fed by one). */
  onError: (e: unknown) => void = () => {};
  error: unknown = undefined;
  private readonly workers: Worker[] = [];
  private readonly inflight: number[];
  private readonly lateSeen: number[];
  /** True when every worker reads the sources itself (no rows cross from the main thread). */
  readonly replicated: boolean;
  private sourcedCount = 0;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private clockSent = NaN;
  private readyWaiter: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  private drainWaiter: { done: () => boolean; resolve: () => void; reject: (e: unknown) => void } | null = null;

  constructor(sinks: LogicalNode[], private readonly settings: PlanSettings, opts: ThreadOptions = {}) {
    // On a virtual clock (tests move it while the job runs) the main thread reads the sources and sends the time
    // to the workers in order with the batches; workers reading sources themselves follow the wall clock.
    const replicate = (opts.replicateSources ?? sourceReplicationEnabled()) && !settings.clock.virtual;
    const description = describePlan(sinks, settings.parallelism, replicate);
    this.replicated = description.replicated.length > 0;
    const count = opts.workers ?? Math.max(1, Math.min(settings.parallelism, availableParallelism()));
    this.inflight = new Array<number>(count + 1).fill(0);
    this.lateSeen = new Array<number>(count + 1).fill(0);
    const posted = (t: number): void => {
      this.inflight[t] = (this.inflight[t] as number) + 1;
    };
    const placement = new ThreadPlacement(description.region, count, 0, (t) => this.workers[t - 1] as Worker, posted, description.replicated);
    try {
      this.startWorkers(description, count, placement, opts.batchSize ?? 1024);
      this.plan = buildPhysicalPlan(sinks, { ...settings, placement });
    } catch (e) {
      void this.close();
      throw e;
    }
  }

  private startWorkers(description: PlanDescription, count: number, placement: ThreadPlacement, batchSize: number): void {
    const settings = this.settings;
    const peers = peerPorts(count);
    for (let t = 1; t <= count; t++) {
      const own = peers[t] as (MessagePort | null)[];
      const init: WorkerInit = {
        plan: description,
        self: t,
        workers: count,
        peers: own,
        parallelism: settings.parallelism,
        maxParallelism: settings.maxParallelism,
        partitioner: settings.partitioner,
        startTime: settings.clock.now(),
        virtualClock: settings.clock.virtual,
        batchSize,
      };
      const w = startWorker(init, own.filter((p): p is MessagePort => p !== null), this.replicated);
      w.on('message', (m: ThreadMessage) => this.onMessage(m, t, placement.gates));
      w.on('error', (e: Error) => this.fail(new RivuletError('THREADS_WORKER_FAILED', { message: e.message })));
      w.on('exit', (code) => {
        if (!this.closed) this.fail(new RivuletError('THREADS_WORKER_FAILED', { message: `it exited with code ${code}` }));
      });
      this.workers.push(w);
    }
  }

  /**
   * null when the workers can take more input now; else a promise that resolves once they can. On a virtual
   * clock there is no backpressure: waiting would let the clock move on while the sources wait, and what they
   * read at which processing time would then depend on the workers' speed (a virtual clock paces the sources
   * anyway). Workers see processing time only through messages in order with the batches.
   */
  ready(): Promise<void> | null {
    if (this.error !== undefined) return Promise.reject(this.error);
    if (this.closed || this.settings.clock.virtual || !this.congested(HIGH)) return null;
    return new Promise((resolve, reject) => (this.readyWaiter = { resolve, reject }));
  }

  /** The main thread's clock reads `now` before it pushes the next batches: workers' clocks follow. */
  clock(now: number): void {
    if (now === this.clockSent) return;
    this.clockSent = now;
    for (const w of this.workers) w.postMessage({ t: 'clock', now });
  }

  /** Processing time moved to `now` on the main thread, after the batches read at `now`: workers fire timers. */
  time(now: number): void {
    this.clockSent = now;
    for (const w of this.workers) w.postMessage({ t: 'time', now });
  }

  /** Workers that read the sources themselves pause their step loop (between batches). */
  pause(): void {
    if (this.replicated && !this.closed) for (const w of this.workers) w.postMessage({ t: 'pause' });
  }

  resume(): void {
    if (this.replicated && !this.closed) for (const w of this.workers) w.postMessage({ t: 'resume' });
  }

  /** Resolves once `done()` holds (checked after every message from a worker); rejects on a worker error. */
  drained(done: () => boolean): Promise<void> {
    if (this.error !== undefined) return Promise.reject(this.error);
    const finished = this.replicated ? () => this.sourcedCount === this.workers.length && done() : done;
    if (this.closed || finished()) return Promise.resolve();
    if (this.replicated) this.tick();
    return new Promise((resolve, reject) => (this.drainWaiter = { done: finished, resolve, reject }));
  }

  /**
   * With replicated sources no step loop runs on the main thread: its own instances with processing-time work
   * (views) see the time once now and, on a wall clock, every 50 ms until the job ends.
   */
  private tick(): void {
    const timed = this.plan.instances.filter((i) => i.op.onProcessingTime !== undefined);
    if (timed.length === 0) return;
    const clock = this.settings.clock;
    const fire = (): void => {
      try {
        for (const t of timed) (t.op.onProcessingTime as (n: number) => void)(clock.now());
      } catch (e) {
        this.fail(e);
      }
    };
    fire();
    if (!clock.virtual) this.ticker = setInterval(fire, 50);
  }

  /** Terminates every worker (idempotent); pending waits resolve. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ticker !== null) clearInterval(this.ticker);
    this.readyWaiter?.resolve();
    this.drainWaiter?.resolve();
    this.readyWaiter = this.drainWaiter = null;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private onMessage(m: ThreadMessage, thread: number, gates: ThreadPlacement['gates']): void {
    if (this.closed || this.error !== undefined) return;
    try {
      if (isGateMessage(m)) deliver(gates, m);
      else if (m.t === 'ack') {
        this.inflight[thread] = (this.inflight[thread] as number) - m.n;
        this.settings.metrics.lateDropped += m.lateDropped - (this.lateSeen[thread] as number);
        this.lateSeen[thread] = m.lateDropped;
      } else if (m.t === 'sourced') {
        this.sourcedCount++;
        if (thread === 1) this.settings.metrics.eventsIn += m.eventsIn;
        this.settings.metrics.lateDropped += m.lateDropped - (this.lateSeen[thread] as number);
        this.lateSeen[thread] = m.lateDropped;
      } else if (m.t === 'error') return this.fail(fromWireError(m.error));
    } catch (e) {
      return this.fail(e);
    }
    if (this.readyWaiter !== null && !this.congested(LOW)) {
      this.readyWaiter.resolve();
      this.readyWaiter = null;
    }
    if (this.drainWaiter !== null && this.drainWaiter.done()) {
      this.drainWaiter.resolve();
      this.drainWaiter = null;
    }
  }

  private congested(limit: number): boolean {
    for (let t = 1; t < this.inflight.length; t++) if ((this.inflight[t] as number) > limit) return true;
    return false;
  }

  private fail(e: unknown): void {
    if (this.error !== undefined || this.closed) return;
    this.error = e;
    this.readyWaiter?.reject(e);
    this.drainWaiter?.reject(e);
    this.readyWaiter = this.drainWaiter = null;
    this.onError(e);
  }
}

/** A MessageChannel between every two workers: ports[t][u] is worker t's end towards worker u. */
function peerPorts(count: number): (MessagePort | null)[][] {
  const ports = Array.from({ length: count + 1 }, () => new Array<MessagePort | null>(count + 1).fill(null));
  for (let t = 1; t <= count; t++) {
    for (let u = t + 1; u <= count; u++) {
      const { port1, port2 } = new MessageChannel();
      (ports[t] as (MessagePort | null)[])[u] = port1;
      (ports[u] as (MessagePort | null)[])[t] = port2;
    }
  }
  return ports;
}
