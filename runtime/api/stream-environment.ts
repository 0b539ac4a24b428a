// StreamEnvironment: where a pipeline starts (sources), where its sinks are registered, and what runs it.
// Flink's StreamExecutionEnvironment, for one process: parallelism, maxParallelism (key groups), the
// partitioning scheme, the processing-time clock and the micro-batch size are set here.
import { LogicalNode, type NodeInit } from '../graph/node.ts';
import { explainPlan, type ExplainFormat } from '../graph/explain.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { arraySource } from '../connectors/array-source.ts';
import { generatorSource } from '../connectors/generator-source.ts';
import type { SourceSpec } from '../connectors/source.ts';
import type { Generator } from '../generators/generator.ts';
import type { PhysicalPlan } from '../exec/physical-plan.ts';
import { planForExecutor, type ExecutorKind } from '../exec/threads/plan-for-executor.ts';
import { Job } from '../exec/job.ts';
import { JobMetrics } from '../exec/job-metrics.ts';
import { WallClock, type Clock } from '../time/clock.ts';
import { PARTITIONER_KINDS, type PartitionerKind } from '../exec/partitioning/index.ts';
import { DataStream } from './data-stream.ts';
import { checkBackend, checkExecutor, toGenerator } from './environment-arguments.ts';
import { memoryBackend } from '../state/backends/memory-backend.ts';
import { diskBackend } from '../state/backends/disk-backend.ts';
import type { StateBackendFactory } from '../state/keyed-state-backend.ts';
import { join } from 'node:path';
import { readSnapshot } from '../snapshot/snapshot-reader.ts';
import type { Snapshot } from '../snapshot/snapshot-model.ts';
import type { CheckpointingSettings } from '../snapshot/coordinator.ts';
import { snapshotInfo, type SnapshotInfo } from './snapshot-info.ts';
import { JobHandle } from './job-handle.ts';
import { announceJob } from '../session/job-registry.ts';
import { positiveInt } from './arguments.ts';
import { csvStream, jsonlStream, type CsvOptions, type JsonlOptions, type FileSourceStream } from './file-source-stream.ts';
import { recordingStream, type RecordingOptions } from '../connectors/recording/recording-stream.ts';
import { originalSink } from '../exec/fuse-map-sink.ts';
import './keyed-stream.ts';
import './windowed-stream.ts';

export interface EnvironmentOptions {
  /** Partitions of every keyed operator (default 1). */
  parallelism?: number;
  /** Key groups: the unit of state redistribution (default 128, as Flink). */
  maxParallelism?: number;
  /** 'key-groups' (Flink's scheme, default) or 'consistent-hash' (a ring with virtual nodes, for teaching). */
  partitioner?: PartitionerKind;
  /** Processing time: the wall clock (default) or a VirtualClock that tests and replay advance. */
  clock?: Clock;
  /** Most records a source hands over at once (default 1024; 4096 with executor 'threads'). */
  batchSize?: number;
  /** Where print() writes (default console.log). */
  stdout?: (text: string) => void;
  /**
   * Where keyed working state lives: 'memory' (default, fastest) or { disk: dir } (LMDB under dir, with a
   * bounded cache of live values: state may outgrow the heap). Independent of where snapshots go.
   */
  stateBackend?: StateBackendOption;
  /**
   * 'single' (default): every partition on this thread, deterministic and best for teaching. 'threads': with
   * parallelism > 1, the keyed part of a job runs on worker threads (one per core), with the same results;
   * its functions must be self-contained (no captured variables), and snapshots are not supported yet.
   */
  executor?: ExecutorKind;
}

/** @internal How a job is started: on another clock (replay), from an in-memory snapshot. */
export interface JobStartOptions {
  readonly clock?: Clock;
  readonly restore?: Snapshot;
}

/** @internal Told of every job the environment starts; may return what to call after each read and time step. */
export type JobListener = (plan: PhysicalPlan, job: Job) => ((now: number) => void) | undefined;

export type StateBackendOption = 'memory' | { disk: string; cacheSize?: number };

export interface GeneratorOptions {
  /** Number of events (bounds the source). */
  count?: number;
  /** Pace on the environment's clock. */
  eventsPerSecond?: number;
  name?: string;
}

export class StreamEnvironment {
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly partitioner: PartitionerKind;
  readonly clock: Clock;
  readonly batchSize: number;
  private readonly stdout: (text: string) => void;
  readonly stateBackend: StateBackendOption;
  readonly executor: ExecutorKind;
  private jobCount = 0;
  private readonly sinks: LogicalNode[] = [];
  private readonly running = new Set<Job>();
  private pendingRestore: Snapshot | null = null;
  private checkpointing: CheckpointingSettings | undefined = undefined;
  private readonly jobListeners: JobListener[] = [];

  constructor(opts: EnvironmentOptions = {}) {
    if (typeof opts !== 'object' || opts === null) {
      throw new RivuletError('BAD_ARGUMENT', { where: 'new StreamEnvironment', name: 'the options', expected: 'an object', got: opts });
    }
    const maxP = opts.maxParallelism ?? 128;
    if (!Number.isInteger(maxP) || maxP < 1 || maxP > 32768) throw new RivuletError('BAD_MAX_PARALLELISM', { got: maxP });
    const p = opts.parallelism ?? 1;
    if (!Number.isInteger(p) || p < 1 || p > maxP) throw new RivuletError('BAD_PARALLELISM', { got: p, maxParallelism: maxP });
    const kind = opts.partitioner ?? 'key-groups';
    if (!PARTITIONER_KINDS.includes(kind)) {
      throw new RivuletError('BAD_ARGUMENT', {
        where: 'new StreamEnvironment',
        name: 'partitioner',
        expected: PARTITIONER_KINDS.map((k) => `"${k}"`).join(' or '),
        got: kind,
      });
    }
    this.parallelism = p;
    this.maxParallelism = maxP;
    this.partitioner = kind;
    this.clock = opts.clock ?? new WallClock();
    this.stdout = opts.stdout ?? ((text) => console.log(text));
    this.stateBackend = checkBackend(opts.stateBackend ?? 'memory');
    this.executor = checkExecutor(opts.executor ?? 'single');
    // A batch crosses threads in one message, which costs besides its rows: larger batches by default there.
    this.batchSize = positiveInt('new StreamEnvironment', 'batchSize', opts.batchSize ?? (this.executor === 'threads' ? 4096 : 1024));
  }

  /** A bounded stream of the given elements (Flink's fromElements). */
  fromElements<T>(...items: T[]): DataStream<T> {
    return this.source<T>(arraySource('fromElements', items), `fromElements (${items.length} elements)`);
  }

  /** A bounded stream of an array's elements. */
  fromArray<T>(items: readonly T[]): DataStream<T> {
    if (!Array.isArray(items)) {
      throw new RivuletError('BAD_ARGUMENT', { where: 'fromArray', name: 'items', expected: 'an array', got: items });
    }
    return this.source<T>(arraySource('fromArray', items), `fromArray (${items.length} elements)`);
  }

  /**
   * A stream from a deterministic generator (e.g. nexmark.bids({ seed })) or a function of the event index.
   * Paced at eventsPerSecond on this environment's clock when given; bounded when it has a count.
   */
  fromGenerator<T>(gen: Generator<T> | ((index: number) => T), opts: GeneratorOptions = {}): DataStream<T> {
    const g = toGenerator(gen, opts);
    const pace = g.eventsPerSecond !== undefined ? `, ${g.eventsPerSecond}/s` : '';
    const count = g.count !== undefined ? `, ${g.count} events` : ', unbounded';
    return this.source<T>(generatorSource(g as Generator<unknown>, gen), `fromGenerator ${g.name}${count}${pace}`);
  }

  /** A bounded stream of a CSV file's rows (RFC 4180), read in chunks; unparsable lines go to .deadLetters(). */
  fromCsv<T = Record<string, unknown>>(path: string, options: CsvOptions = {}): FileSourceStream<T> { return csvStream<T>(this, path, options); }
  /** A bounded stream of a JSON-lines file's objects, read in chunks; unparsable lines go to .deadLetters(). */
  fromJsonl<T = Record<string, unknown>>(path: string, options: JsonlOptions = {}): FileSourceStream<T> { return jsonlStream<T>(this, path, options); }
  /** Replays a recording (stream.record) in arrival order with its event times, paced by event time on this environment's clock. */
  fromRecording<T = Record<string, unknown>>(path: string, options: RecordingOptions = {}): FileSourceStream<T> { return recordingStream<T>(this, path, options); }
  /** Runs every registered sink; await the handle for the result, or keep it to pause/stop a live job. */
  execute(name = 'job'): JobHandle {
    if (this.sinks.length === 0) throw new RivuletError('NO_SINKS');
    return this.start(name, [...this.sinks]);
  }

  /** Stops every running job of this environment (what an interrupt does). */
  stopAll(): void {
    for (const j of this.running) void j.stop();
  }

  /**
   * Snapshots the running (or paused) job into `dir`, a new directory: source offsets, operator state per key
   * group, timers, watermarks, window contents. Resolves once the snapshot is durable.
   */
  async snapshot(dir: string): Promise<SnapshotInfo> {
    if (typeof dir !== 'string' || dir === '') {
      throw new RivuletError('BAD_ARGUMENT', { where: 'env.snapshot', name: 'dir', expected: 'a directory path', got: dir });
    }
    const job = [...this.running].at(-1);
    if (job === undefined) throw new RivuletError('NO_RUNNING_JOB', { what: 'env.snapshot()' });
    return snapshotInfo(dir, await job.snapshot(dir));
  }

  /**
   * Restores the next job run from a snapshot directory (or the latest complete checkpoint of a checkpoint
   * directory), at this environment's parallelism. The snapshot is read and verified now: a damaged one is
   * refused here, naming the file and the problem.
   */
  async restore(dir: string): Promise<SnapshotInfo> {
    if (typeof dir !== 'string' || dir === '') {
      throw new RivuletError('BAD_ARGUMENT', { where: 'env.restore', name: 'dir', expected: 'a directory path', got: dir });
    }
    const snapshot = readSnapshot(dir);
    if (snapshot.manifest.maxParallelism !== this.maxParallelism) {
      throw new RivuletError('SNAPSHOT_MISMATCH', {
        dir: snapshot.dir,
        problem: `it was taken with maxParallelism ${snapshot.manifest.maxParallelism}, this environment has ${this.maxParallelism}.`,
        hint: 'Key groups cannot be remapped: use the same maxParallelism (any parallelism up to it works).',
      });
    }
    this.pendingRestore = snapshot;
    return snapshotInfo(snapshot.dir, snapshot.manifest);
  }

  /** Checkpoints every job of this environment every `intervalMs` into `dir`/chk-N, keeping the latest `retain`. */
  enableCheckpointing(intervalMs: number, dir: string, opts: { retain?: number } = {}): this {
    const where = 'enableCheckpointing';
    positiveInt(where, 'intervalMs', intervalMs);
    if (typeof dir !== 'string' || dir === '') throw new RivuletError('BAD_ARGUMENT', { where, name: 'dir', expected: 'a directory path', got: dir });
    const retain = positiveInt(where, 'retain', opts.retain ?? 3);
    this.checkpointing = { intervalMs, dir, retain };
    return this;
  }

  /** The plan of every registered sink. */
  explain(format: ExplainFormat = 'text'): string {
    return this.explainNodes(this.sinks, format);
  }

  /** @internal */
  explainNodes(roots: LogicalNode[], format: ExplainFormat): string {
    return explainPlan(roots, this, format);
  }

  /** @internal Runs every registered sink as a job on `options.clock`, from `options.restore` when given. */
  startJob(name: string, options: JobStartOptions): { handle: JobHandle; job: Job } {
    if (this.sinks.length === 0) throw new RivuletError('NO_SINKS');
    let job: Job | undefined;
    const handle = this.start(name, [...this.sinks], undefined, options, (j) => (job = j));
    return { handle, job: job as unknown as Job };
  }

  /** @internal The jobs running now, oldest first. */
  runningJobs(): Job[] {
    return [...this.running];
  }

  /** @internal Calls `listener` for every job started from now on. */
  onJob(listener: JobListener): void {
    this.jobListeners.push(listener);
  }

  /** @internal Adds a node and wraps it as a stream. */
  stream<T>(init: NodeInit): DataStream<T> {
    return new DataStream<T>(this, new LogicalNode(init));
  }

  /** @internal */
  addSink(node: LogicalNode): void {
    this.sinks.push(node);
  }

  /** @internal Runs the registered sinks plus `extra`, and ends once `extra` has all it needs. */
  async runWith(extra: LogicalNode, name: string): Promise<void> {
    const result = await this.start(name, [...this.sinks, extra], extra);
    if (result.status === 'stopped') throw new RivuletError('JOB_STOPPED', { what: `${name}()` });
  }

  private source<T>(spec: SourceSpec, label: string): DataStream<T> {
    return this.stream<T>({ kind: 'source', label, inputs: [], parallelism: 'one', timestamps: false, changelog: false, source: spec });
  }

  private start(name: string, sinks: LogicalNode[], until?: LogicalNode, options: JobStartOptions = {}, made?: (job: Job) => void): JobHandle {
    const metrics = new JobMetrics();
    const clock = options.clock ?? this.clock;
    const restore = options.restore ?? this.pendingRestore;
    const backend = this.backendForJob();
    const request = { executor: this.executor, restoring: restore !== null, diskState: this.stateBackend !== 'memory', batchSize: this.batchSize };
    const { plan, remote } = this.planJob(backend, () => planForExecutor(sinks, {
      parallelism: this.parallelism,
      maxParallelism: this.maxParallelism,
      partitioner: this.partitioner,
      clock,
      metrics,
      write: this.stdout,
      stateBackend: backend.factory,
      checkpointing: this.checkpointing !== undefined,
    }, request));
    const listening = { onStep: undefined as ((now: number) => void) | undefined };
    const job = new Job(plan, {
      name,
      clock,
      batchSize: this.batchSize,
      metrics,
      parallelism: this.parallelism,
      maxParallelism: this.maxParallelism,
      partitioner: this.partitioner,
      ...(restore ? { restore } : {}),
      ...(this.checkpointing ? { checkpointing: this.checkpointing } : {}),
      ...(until ? { until: plan.sinks.filter((s) => originalSink(s.node) === until) } : {}),
      ...(this.jobListeners.length > 0 ? { onStep: (now: number) => listening.onStep?.(now) } : {}),
      ...(remote ? { remote } : {}),
    });
    const observers = this.jobListeners.map((l) => l(plan, job)).filter((f) => f !== undefined);
    if (observers.length > 0) listening.onStep = (now) => { for (const f of observers) f(now); };
    made?.(job);
    this.pendingRestore = null;
    this.running.add(job);
    const handle = new JobHandle(name, job, metrics, () => {
      this.running.delete(job);
      backend.close();
    });
    announceJob(this, handle);
    return handle;
  }

  /** Plans a job; a refused plan releases the job's state backend. */
  private planJob<P>(backend: { close(): void }, plan: () => P): P {
    try {
      return plan();
    } catch (e) {
      backend.close();
      throw e;
    }
  }

  /** A job's working state: each job run starts empty (a restore fills it), in memory or in its own LMDB dir. */
  private backendForJob(): { factory: StateBackendFactory; close(): void } {
    const b = this.stateBackend;
    if (b === 'memory') return { factory: memoryBackend, close: () => {} };
    const dir = join(b.disk, `job-${process.pid}-${++this.jobCount}`);
    const factory = diskBackend(dir, { temporary: true, fresh: true, ...(b.cacheSize !== undefined ? { cacheSize: b.cacheSize } : {}) });
    return { factory, close: () => factory.close() };
  }
}
