// An operator harness: runs one operator instance outside a job, with a context made of real parts (a real
// KeyedStateBackend, real JobMetrics, a VirtualClock) and outputs that record every batch pushed on the main
// output and on each side output. Tests push rows and watermarks in, move processing time, finish, and read
// back exactly what the operator emitted, with changelog kinds, timestamps and watermarks.
//
//   const h = new OperatorHarness((ctx) => new MapOperator((x: number) => x * 2, ctx.out));
//   h.push([1, 2]).finish();
//   h.outputRows(); // [2, 4]
//
// EventTimeHarness puts the real WatermarkAssigner in front of the operator (through a real one-channel
// InputGate), so that tests send plain rows and get Flink's per-record bounded-out-of-orderness watermark.
//
// Every part a snapshot needs is public and real: the operator's keyed state (`state`), its clock, its metrics,
// and the factory and options the harness was built from (so that a restored twin can be built the same way).
// Each recording output also checks the batch protocol as it records (columns as long as the rows, watermarks
// that never go backwards, nothing pushed after end, end called once): see `problems`.
import { batchOf, NO_WATERMARK, type Batch, type RowKind } from '../../runtime/exec/batch.ts';
import type { Operator, OperatorContext, Output } from '../../runtime/exec/operator.ts';
import type { KeyedStateBackend } from '../../runtime/state/keyed-state-backend.ts';
import { MemoryStateBackend } from '../../runtime/state/backends/memory-backend.ts';
import { TimerService } from '../../runtime/time/timer-service.ts';
import { captureInstance } from '../../runtime/snapshot/capture.ts';
import { decodeInstance } from '../../runtime/snapshot/instance-codec.ts';
import { restoreInstances } from '../../runtime/snapshot/restore-into-plan.ts';
import type { InstanceSnapshot } from '../../runtime/snapshot/snapshot-model.ts';
import { JobMetrics } from '../../runtime/exec/job-metrics.ts';
import { VirtualClock } from '../../runtime/time/clock.ts';
import { InputGate } from '../../runtime/exec/input-gate.ts';
import { ForwardOutput } from '../../runtime/exec/outputs.ts';
import { WatermarkAssigner } from '../../runtime/operators/watermark-assigner.ts';

/** One emitted row with its changelog kind. */
export interface Change<T = unknown> {
  op: RowKind;
  row: T;
}

/** One emitted row with its kind, event timestamp and the watermark in effect before it (null: no column). */
export interface TimedChange<T = unknown> extends Change<T> {
  ts: number | null;
  wm: number | null;
}

/** An Output that keeps every batch it is given and checks the batch protocol. */
export class RecordingOutput implements Output {
  readonly batches: Batch[] = [];
  readonly problems: string[] = [];
  /** Checkpoint barriers received, in order. */
  readonly barriers: number[] = [];
  ended = false;
  private lastWm = NO_WATERMARK;

  constructor(readonly name: string) {}

  push(b: Batch): void {
    const n = b.rows.length;
    const at = `${this.name} batch #${this.batches.length}`;
    if (this.ended) this.problems.push(`${at}: pushed after end()`);
    for (const [col, values] of [['ts', b.ts], ['wm', b.wm], ['ops', b.ops]] as const) {
      if (values !== null && values.length !== n) this.problems.push(`${at}: ${col} has ${values.length} entries for ${n} rows`);
    }
    if (b.wm !== null) {
      let prev = this.lastWm;
      for (const w of b.wm) {
        if (w < prev) this.problems.push(`${at}: row watermark ${w} after ${prev} (went backwards)`);
        prev = Math.max(prev, w);
      }
      if (b.wmEnd < prev) this.problems.push(`${at}: wmEnd ${b.wmEnd} below a row watermark ${prev}`);
    }
    if (b.wmEnd < this.lastWm) this.problems.push(`${at}: wmEnd ${b.wmEnd} after ${this.lastWm} (went backwards)`);
    this.lastWm = Math.max(this.lastWm, b.wmEnd);
    this.batches.push(b);
  }

  barrier(id: number): void {
    this.barriers.push(id);
  }

  end(): void {
    if (this.ended) this.problems.push(`${this.name}: end() called twice`);
    this.ended = true;
  }

  /** Every row pushed so far, with its kind, timestamp and watermark. */
  timed<T = unknown>(): TimedChange<T>[] {
    const out: TimedChange<T>[] = [];
    for (const b of this.batches) {
      for (let i = 0; i < b.rows.length; i++) {
        out.push({
          op: b.ops === null ? '+I' : (b.ops[i] as RowKind),
          row: b.rows[i] as T,
          ts: b.ts === null ? null : (b.ts[i] as number),
          wm: b.wm === null ? null : (b.wm[i] as number),
        });
      }
    }
    return out;
  }

  /** Every row pushed so far, with its changelog kind. */
  changes<T = unknown>(): Change<T>[] {
    return this.timed<T>().map(({ op, row }) => ({ op, row }));
  }

  rows<T = unknown>(): T[] {
    return this.timed<T>().map((c) => c.row);
  }

  /** The watermark after each batch (wmEnd), consecutive repeats collapsed. */
  watermarks(): number[] {
    const out: number[] = [];
    for (const b of this.batches) if (out[out.length - 1] !== b.wmEnd) out.push(b.wmEnd);
    return out;
  }

  /** The last watermark this output carried (-Infinity before any batch). */
  get watermark(): number {
    return this.lastWm;
  }

  /** Batches that were pushed with the idle flag. */
  get idleBatches(): Batch[] {
    return this.batches.filter((b) => b.idle);
  }
}

export interface HarnessOptions {
  /** This instance's partition (0-based, default 0). */
  partition?: number;
  /** How many instances the operator has (default 1). */
  parallelism?: number;
  /** Key groups (default 128). */
  maxParallelism?: number;
  /** The processing-time clock (default a VirtualClock at 0). */
  clock?: VirtualClock;
  /** Whether the job checkpoints (two-phase sinks stage until a checkpoint completes). */
  checkpointing?: boolean;
}

export interface PushOptions {
  /** Event time of every row (one number for all rows, or one per row). Omitted: the batch has no ts column. */
  ts?: number | readonly number[];
  /** The watermark in effect before each row (one number for all rows, or one per row). */
  wm?: number | readonly number[];
  /** Changelog kind of each row (omitted: every row is +I). */
  ops?: readonly RowKind[];
  /** The channel's watermark after the batch (default: the last row watermark, or the current one). */
  wmEnd?: number;
  /** The sender is idle after this batch. */
  idle?: boolean;
}

export type OperatorFactory<O extends Operator = Operator> = (ctx: OperatorContext) => O;

/** One operator instance with a recording context. */
export class OperatorHarness<O extends Operator = Operator> {
  readonly op: O;
  readonly ctx: OperatorContext;
  readonly clock: VirtualClock;
  readonly state: KeyedStateBackend;
  readonly metrics = new JobMetrics();
  /** The main output. */
  readonly main = new RecordingOutput('main');
  /** Every text passed to ctx.write (print). */
  readonly printed: string[] = [];
  /** The watermark of the harness's input channel (what the last pushed batch said). */
  inputWatermark = NO_WATERMARK;
  /** finish() was called. */
  finished = false;
  private readonly sides = new Map<string, RecordingOutput>();
  /** The partition's timers (what a snapshot writes with the keyed state). */
  readonly eventTimers = new TimerService();
  readonly processingTimers = new TimerService();

  constructor(
    readonly factory: OperatorFactory<O>,
    readonly options: HarnessOptions = {},
  ) {
    const partition = options.partition ?? 0;
    this.clock = options.clock ?? new VirtualClock(0);
    this.state = new MemoryStateBackend(partition);
    this.ctx = {
      partition,
      parallelism: options.parallelism ?? 1,
      maxParallelism: options.maxParallelism ?? 128,
      clock: this.clock,
      out: this.main,
      side: (name) => this.side(name),
      state: this.state,
      eventTimers: this.eventTimers,
      processingTimers: this.processingTimers,
      metrics: this.metrics,
      write: (text) => {
        this.printed.push(text);
      },
      checkpointing: options.checkpointing ?? false,
    };
    this.op = factory(this.ctx);
  }

  // ---- input ---------------------------------------------------------------------------------------------

  /** Sends a batch as it is (no defaults applied). */
  send(b: Batch): this {
    if (this.finished) throw new Error('OperatorHarness: push after finish()');
    this.inputWatermark = Math.max(this.inputWatermark, b.wmEnd);
    this.op.process(b);
    return this;
  }

  /** Sends one batch of rows; see PushOptions for the columns. */
  push(rows: readonly unknown[], opts: PushOptions = {}): this {
    const n = rows.length;
    const ts = opts.ts === undefined ? null : column(opts.ts, n, 'ts');
    const wm = opts.wm === undefined ? null : column(opts.wm, n, 'wm');
    const ops = opts.ops === undefined ? null : column(opts.ops, n, 'ops');
    const lastRowWm = wm !== null && n > 0 ? (wm[n - 1] as number) : this.inputWatermark;
    const wmEnd = opts.wmEnd ?? (typeof opts.wm === 'number' ? opts.wm : Math.max(this.inputWatermark, lastRowWm));
    return this.send(batchOf(rows.slice(), wmEnd, ts, wm, ops, opts.idle ?? false));
  }

  /** Sends rows with their event timestamps, `[[row, ts], ...]`, in one batch. */
  pushWithTimestamps(pairs: readonly (readonly [unknown, number])[], opts: Omit<PushOptions, 'ts'> = {}): this {
    return this.push(
      pairs.map(([row]) => row),
      { ...opts, ts: pairs.map(([, t]) => t) },
    );
  }

  /** Sends a watermark: an empty batch whose wmEnd is `w`. */
  watermark(w: number): this {
    return this.send(batchOf([], w));
  }

  /** Tells the operator its input is idle (an empty batch flagged idle, at the current watermark). */
  idle(): this {
    return this.send(batchOf([], this.inputWatermark, null, null, null, true));
  }

  /** Moves the virtual clock forward and lets the operator see the new processing time. */
  advanceProcessingTime(ms: number): this {
    this.clock.advance(ms);
    this.op.onProcessingTime?.(this.clock.now());
    return this;
  }

  /** Moves the virtual clock to `time` (never backwards) and lets the operator see it. */
  setProcessingTime(time: number): this {
    this.clock.set(time);
    this.op.onProcessingTime?.(this.clock.now());
    return this;
  }

  /** Every input has ended. */
  finish(): this {
    if (this.finished) throw new Error('OperatorHarness: finish() called twice');
    this.finished = true;
    this.op.finish();
    return this;
  }

  // ---- output --------------------------------------------------------------------------------------------

  /** The recording of a side output (created on first use, as the operator asks for it). */
  side(name: string): RecordingOutput {
    let o = this.sides.get(name);
    if (o === undefined) {
      o = new RecordingOutput(`side "${name}"`);
      this.sides.set(name, o);
    }
    return o;
  }

  /** Main output rows with their kinds: [{ op: '+I', row }, ...]. */
  output<T = unknown>(): Change<T>[] {
    return this.main.changes<T>();
  }

  /** Main output rows with kinds, timestamps and watermarks. */
  timedOutput<T = unknown>(): TimedChange<T>[] {
    return this.main.timed<T>();
  }

  /** Main output rows only. */
  outputRows<T = unknown>(): T[] {
    return this.main.rows<T>();
  }

  /** Rows sent to the "late" side output. */
  late<T = unknown>(): T[] {
    return this.side('late').rows<T>();
  }

  /** Main output changes since the last drain() (or since the start). */
  drain<T = unknown>(): Change<T>[] {
    const all = this.main.changes<T>();
    const fresh = all.slice(this.drained);
    this.drained = all.length;
    return fresh;
  }
  private drained = 0;

  /** The main output has ended. */
  get ended(): boolean {
    return this.main.ended;
  }

  /** The text print() wrote, split into lines. */
  printedLines(): string[] {
    return this.printed.flatMap((t) => t.split('\n'));
  }

  // ---- snapshots ------------------------------------------------------------------------------------------

  /**
   * What a checkpoint barrier would capture of this instance now (keyed state per key group, timers, operator
   * state), as the snapshot file holds it: serialized and read back.
   */
  snapshot(checkpointId = 1): InstanceSnapshot {
    const bytes = captureInstance({ op: this.op, state: this.state, eventTimers: this.eventTimers, processingTimers: this.processingTimers, node: { label: 'harness' } }, checkpointId, this.ctx.maxParallelism);
    return decodeInstance(bytes);
  }

  /** A fresh instance (same factory) restored from `snapshots` (one per old instance), as a restore does. */
  static restore<O extends Operator>(factory: OperatorFactory<O>, snapshots: InstanceSnapshot[], options: HarnessOptions = {}): OperatorHarness<O> {
    const h = new OperatorHarness(factory, options);
    restoreInstances(snapshots, [h], { maxParallelism: options.maxParallelism ?? 128, partitioner: 'key-groups' });
    return h;
  }

  /** Protocol problems seen on any output (empty when the operator behaved). */
  get problems(): string[] {
    return [...this.main.problems, ...[...this.sides.values()].flatMap((s) => s.problems)];
  }
}

export interface EventTimeOptions<T> {
  /** The event time of a row. */
  timestamp: (row: T) => number | Date;
  /** Bounded out-of-orderness (default 0: the watermark trails the largest timestamp by 1 ms). */
  maxOutOfOrderness?: number;
  /** Idle after this long without rows (processing time). */
  idleTimeout?: number;
}

/**
 * The real WatermarkAssigner chained in front of an operator, through a real one-channel InputGate, as a job
 * wires `withWatermarks(...)` followed by a forward edge. Send plain rows; the operator sees Flink's per-record
 * watermark. `target` is the harness of the operator under test (its outputs, state and clock).
 */
export class EventTimeHarness<O extends Operator = Operator, T = any> {
  readonly target: OperatorHarness<O>;
  readonly assigner: WatermarkAssigner;
  readonly gate = new InputGate(1);

  constructor(factory: OperatorFactory<O>, opts: EventTimeOptions<T>, harness: HarnessOptions = {}) {
    this.target = new OperatorHarness(factory, harness);
    this.gate.op = this.target.op;
    this.assigner = new WatermarkAssigner(
      {
        timestamp: opts.timestamp,
        maxOutOfOrderness: opts.maxOutOfOrderness ?? 0,
        idleTimeout: opts.idleTimeout,
      },
      new ForwardOutput({ gate: this.gate, channel: 0 }),
      this.target.clock,
    );
  }

  /** Sends the rows as one batch (the watermark still advances after every row). */
  send(...rows: T[]): this {
    this.assigner.process(batchOf(rows, NO_WATERMARK));
    return this;
  }

  /** Sends each row in a batch of its own. */
  sendEach(...rows: T[]): this {
    for (const r of rows) this.send(r);
    return this;
  }

  /** Moves processing time for both the assigner (idleness) and the operator (processing-time timers). */
  advanceProcessingTime(ms: number): this {
    const clock = this.target.clock;
    clock.advance(ms);
    this.assigner.onProcessingTime(clock.now());
    this.target.op.onProcessingTime?.(clock.now());
    return this;
  }

  /** End of input: the assigner emits the final watermark and ends, which finishes the operator. */
  end(): this {
    this.assigner.finish();
    return this;
  }

  /** The watermark the operator's input is at. */
  get watermark(): number {
    return this.gate.watermark;
  }

  get op(): O {
    return this.target.op;
  }
  get state(): KeyedStateBackend {
    return this.target.state;
  }
  get metrics(): JobMetrics {
    return this.target.metrics;
  }
  get ended(): boolean {
    return this.target.ended;
  }
  get problems(): string[] {
    return this.target.problems;
  }
  output<R = unknown>(): Change<R>[] {
    return this.target.output<R>();
  }
  timedOutput<R = unknown>(): TimedChange<R>[] {
    return this.target.timedOutput<R>();
  }
  outputRows<R = unknown>(): R[] {
    return this.target.outputRows<R>();
  }
  late(): T[] {
    return this.target.late<T>();
  }
  drain<R = unknown>(): Change<R>[] {
    return this.target.drain<R>();
  }
}

function column<V>(v: V | readonly V[], n: number, name: string): V[] {
  if (!Array.isArray(v)) return new Array<V>(n).fill(v as V);
  if (v.length !== n) throw new Error(`OperatorHarness: ${name} has ${v.length} entries for ${n} rows`);
  return (v as readonly V[]).slice();
}

// ---- driving whole jobs on a virtual clock ---------------------------------------------------------------

/**
 * A VirtualClock that knows when someone is waiting on it. A job waits on its clock only once it has done
 * everything due at the current time, so advancing the clock only while `waiting > 0` makes a paced job's
 * progress depend on virtual time alone, never on how fast the machine is.
 */
export class SteppedClock extends VirtualClock {
  waiting = 0;

  override waitUntil(time: number, signal?: AbortSignal): Promise<void> {
    if (time <= this.now() || signal?.aborted) return Promise.resolve();
    this.waiting++;
    return super.waitUntil(time, signal).then(() => {
      this.waiting--;
    });
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Yields to the event loop until a job blocks on `clock` (true) or `spins` turns have passed (false). */
export async function untilWaiting(clock: SteppedClock, spins = 10_000): Promise<boolean> {
  for (let i = 0; i < spins; i++) {
    if (clock.waiting > 0) return true;
    await turn();
  }
  return clock.waiting > 0;
}

/**
 * Advances `clock` by `stepMs` every time the job blocks on it, until `until` settles (or returns true) or
 * `maxSteps` steps were taken. Returns the number of steps.
 */
export async function driveClock(
  clock: SteppedClock,
  stepMs: number,
  until: PromiseLike<unknown> | (() => boolean),
  maxSteps = 10_000,
): Promise<number> {
  let settled = false;
  if (typeof until !== 'function') {
    until.then(
      () => (settled = true),
      () => (settled = true),
    );
  }
  const done = (): boolean => (typeof until === 'function' ? until() : settled);
  let steps = 0;
  while (!done() && steps < maxSteps) {
    if (!(await untilWaiting(clock, 1000))) {
      if (done()) break;
      throw new Error('driveClock: the job neither finished nor waited on the clock');
    }
    if (done()) break;
    clock.advance(stepMs);
    steps++;
    await turn();
  }
  return steps;
}
