// DataStream: the chain-style facade over logical nodes. Each method checks its arguments, adds a node, and
// returns a new stream; sinks (print, collect) attach to the environment. Flink's names and habits.
import { LogicalNode, type NodeInit } from '../graph/node.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { MapOperator } from '../operators/map.ts';
import { FilterOperator } from '../operators/filter.ts';
import { FlatMapOperator, type FlatMapFunction } from '../operators/flat-map.ts';
import { PassThroughOperator } from '../operators/pass-through.ts';
import { WatermarkAssigner } from '../operators/watermark-assigner.ts';
import { TakeOperator } from '../operators/take.ts';
import { ChangelogOperator } from '../operators/changelog.ts';
import type { SinkFunction } from '../connectors/function-sink.ts';
import { addPrintSink, addFunctionSink, addJsonlSink, collectRows } from './sinks.ts';
import { addRecordingSink } from '../connectors/recording/record-sink-node.ts';
import type { ExplainFormat } from '../graph/explain.ts';
import type { WindowAssigner } from '../time/windows/window-assigner.ts';
import type { RowKind } from '../exec/batch.ts';
import { fn, keySelector, describeKey, nonNegativeInt } from './arguments.ts';
import { streamFactories } from './stream-factories.ts';
import { portable, type Recipe } from '../graph/portable.ts';
import type { StreamEnvironment } from './stream-environment.ts';
import type { KeyedStream } from './keyed-stream.ts';
import type { AllWindowedStream } from './windowed-stream.ts';
import type { JoinedStreams } from './joined-streams.ts';
import { joinFactories } from './join-hooks.ts';
import { batchHooks, type CollectOptions } from './batch-hooks.ts';
import { createView, createChart, type ChartViewOptions } from '../views/create-view.ts';
import type { ViewOptions } from '../views/view-options.ts';
import type { View } from '../views/view.ts';
import type { ChartView } from '../views/chart-view.ts';

export interface WatermarkOptions<T> {
  /** Event time of a record in ms (or a Date), or the name of the field that holds it. */
  timestamp: ((row: T) => number | Date) | (keyof T & string);
  /** How far out of order events may arrive (ms); the watermark trails the largest timestamp by this + 1. */
  maxOutOfOrderness?: number;
  /** After this long without records (processing time, ms) the stream is idle and holds no watermark back. */
  idleTimeout?: number;
}

/** A changelog row: objects get an `op` field; other values (tuples, numbers) become { op, value }. */
export type WithOp<T> = T extends readonly unknown[] ? { op: RowKind; value: T } : T extends object ? T & { op: RowKind } : { op: RowKind; value: T };

export class DataStream<T> {
  constructor(
    readonly env: StreamEnvironment,
    /** @internal */ readonly node: LogicalNode,
  ) {}

  /** One output row per row. */
  map<R>(f: (row: T) => R): DataStream<R> {
    const g = fn<(r: T) => R>('map', 'the function', f);
    return this.derive<R>('map', 'map', (ctx) => new MapOperator(g, ctx.out), () => ({ op: 'map', args: [g] }), { fn: g });
  }

  /** The rows for which `pred` is true. */
  filter(pred: (row: T) => unknown): DataStream<T> {
    const p = fn<(r: T) => unknown>('filter', 'the predicate', pred);
    return this.derive<T>('filter', 'filter', (ctx) => new FilterOperator(p, ctx.out), () => ({ op: 'filter', args: [p] }), { fn: p });
  }

  /** Zero or more rows per row: return an array (or any iterable), or call out.collect(row). */
  flatMap<R>(f: FlatMapFunction<T, R>): DataStream<R> {
    const g = fn<FlatMapFunction<T, R>>('flatMap', 'the function', f);
    return this.derive<R>('flatMap', 'flatMap', (ctx) => new FlatMapOperator(g as FlatMapFunction<any, unknown>, ctx.out), () => ({ op: 'flatMap', args: [g] }));
  }

  /** This stream and the others as one stream; its watermark is the minimum of theirs. */
  union(...others: DataStream<T>[]): DataStream<T> {
    for (const o of others) {
      if (!(o instanceof DataStream)) {
        throw new RivuletError('BAD_ARGUMENT', { where: 'union', name: 'each argument', expected: 'a DataStream', got: o });
      }
      if (o.env !== this.env) throw new RivuletError('MIXED_ENVIRONMENTS');
    }
    const inputs = [this.node, ...others.map((o) => o.node)];
    return this.env.stream<T>({
      kind: 'union',
      label: `union of ${inputs.length}`,
      inputs,
      parallelism: 'input',
      timestamps: inputs.every((n) => n.timestamps),
      changelog: inputs.some((n) => n.changelog),
      create: (ctx) => new PassThroughOperator(ctx.out),
      recipe: () => ({ op: 'passThrough', args: [] }),
    });
  }

  /** Partitions the stream by key (a function, a field name, or a tuple position), as Flink's keyBy. */
  keyBy<K>(key: (row: T) => K): KeyedStream<T, K>;
  keyBy<F extends keyof T & string>(field: F): KeyedStream<T, T[F]>;
  keyBy<I extends number>(position: I): KeyedStream<T, T extends readonly unknown[] ? T[I] : unknown>;
  keyBy(key: unknown): KeyedStream<T, unknown> {
    const k = keySelector('keyBy', key);
    const node = new LogicalNode({
      kind: 'keyBy',
      label: `keyBy ${describeKey(key)}`,
      inputs: [this.node],
      parallelism: 'keyed',
      timestamps: this.node.timestamps,
      changelog: this.node.changelog,
      key: k,
      spec: { key },
    });
    return (streamFactories.keyed as NonNullable<typeof streamFactories.keyed>)(this.env, node) as KeyedStream<T, unknown>;
  }

  /** Event time and watermarks (Flink's bounded out-of-orderness strategy, advanced after every record). */
  withWatermarks(opts: WatermarkOptions<T>): DataStream<T> {
    const where = 'withWatermarks';
    if (typeof opts !== 'object' || opts === null) {
      throw new RivuletError('BAD_ARGUMENT', {
        where,
        name: 'the options',
        expected: '{ timestamp, maxOutOfOrderness?, idleTimeout? }',
        got: opts,
      });
    }
    const timestamp = typeof opts.timestamp === 'string' ? fieldOf(opts.timestamp) : fn<(r: T) => number>(where, 'timestamp', opts.timestamp);
    const maxOutOfOrderness = nonNegativeInt(where, 'maxOutOfOrderness', opts.maxOutOfOrderness ?? 0);
    const idleTimeout = opts.idleTimeout === undefined ? undefined : nonNegativeInt(where, 'idleTimeout', opts.idleTimeout);
    const label = `watermarks (out of order ≤ ${maxOutOfOrderness} ms${idleTimeout !== undefined ? `, idle after ${idleTimeout} ms` : ''})`;
    return this.env.stream<T>({
      kind: 'watermarks',
      label,
      inputs: [this.node],
      parallelism: 'input',
      timestamps: true,
      changelog: this.node.changelog,
      spec: { timestamp: opts.timestamp, maxOutOfOrderness, idleTimeout },
      create: (ctx) =>
        new WatermarkAssigner({ timestamp, maxOutOfOrderness, idleTimeout }, ctx.out, ctx.clock, ctx.partition, ctx.parallelism),
      recipe: () => ({ op: 'watermarks', args: [{ timestamp, maxOutOfOrderness, idleTimeout }] }),
    });
  }

  /** Windows over the whole (unkeyed) stream, computed in one partition. */
  windowAll(assigner: WindowAssigner): AllWindowedStream<T> {
    return (streamFactories.allWindowed as NonNullable<typeof streamFactories.allWindowed>)(
      this.env,
      this.node,
      assigner,
    ) as AllWindowedStream<T>;
  }

  /** The first n rows (in arrival order), then the stream ends: a bounded stream from an unbounded one. */
  take(n: number): DataStream<T> {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new RivuletError('BAD_TAKE', { got: n });
    return this.env.stream<T>({
      kind: 'take',
      label: `take ${n}`,
      inputs: [this.node],
      parallelism: 'one',
      timestamps: this.node.timestamps,
      changelog: this.node.changelog,
      bounds: true,
      create: (ctx) => new TakeOperator(n, ctx.out),
    });
  }

  /** Every change as a row with its kind in `op` ('+I', '-U', '+U', '-D'); non-objects as { op, value }. */
  changelog(): DataStream<WithOp<T>> {
    return this.env.stream<WithOp<T>>({
      kind: 'changelog',
      label: 'changelog (op field)',
      inputs: [this.node],
      parallelism: 'input',
      timestamps: this.node.timestamps,
      changelog: false,
      create: (ctx) => new ChangelogOperator(ctx.out),
      recipe: () => ({ op: 'changelog', args: [] }),
    });
  }

  /** A stable operator id (Flink's uid), kept by snapshots across changes to the pipeline. */
  uid(name: string): this {
    if (typeof name !== 'string' || name === '') {
      throw new RivuletError('BAD_ARGUMENT', { where: 'uid', name: 'the id', expected: 'a non-empty string', got: name });
    }
    this.node.uid = name;
    return this;
  }

  /** Prints every row when the job runs (Flink's format: "2> row" with parallelism > 1). */
  print(): this {
    addPrintSink(this.env, this.node);
    return this;
  }

  /** Calls `f(row, kind)` for every row when the job runs (Flink's addSink with a SinkFunction). */
  addSink(f: SinkFunction<T>): this {
    addFunctionSink(this.env, this.node, fn<SinkFunction<unknown>>('addSink', 'the sink function', f));
    return this;
  }

  /**
   * Writes every row as a JSON line to `path`, exactly once: with checkpointing, rows are committed with each
   * checkpoint, and a restore rolls the file back to the snapshot. A changelog stream writes each change with
   * its `op`. The file is written by one instance, in arrival order.
   */
  writeJsonl(path: string): this {
    addJsonlSink(this.env, this.node, path);
    return this;
  }

  /**
   * Records the stream to `path` for env.fromRecording: a JSON-lines file with a header (format version, schema,
   * generator when known, created-at), then one line per event with its event time and arrival order. Written
   * by one instance, flushed in whole lines (exactly once with checkpointing). `createdAt` fixes the header's
   * creation time (for files that must be byte-identical when made again, like data/).
   */
  record(path: string, options: { createdAt?: string | Date } = {}): this {
    addRecordingSink(this.env, this.node, path, options);
    return this;
  }

  /**
   * Runs the job (every sink of the environment with it) and resolves with this stream's final contents: all
   * rows of an append-only stream, or what remains of a changelog once every change is applied.
   */
  collect(options?: CollectOptions): Promise<T[]> {
    if (options !== undefined) return batchHooks.collect(this, options) as Promise<T[]>;
    return collectRows<T>(this.env, this.node);
  }

  /**
   * A live view of this stream: its changelog materialized as a table by primary key (key + windowStart for
   * window results, key for rows with a key field, the last rows of an append-only stream), refreshed at
   * most every refreshMs while the job runs and shown on the display target (a notebook's output, the
   * REPL, stdout). Runs with every job of the environment; env.view(name) finds it again.
   */
  view(options?: ViewOptions): View<T> {
    return createView<T>(this, options);
  }

  /**
   * A live chart of this stream's materialized table: a Vega-Lite spec (and an SVG rendered in Node). Window
   * results chart as x = windowEnd, y = the first aggregate, color = key, for the top-N keys.
   */
  chart(options?: ChartViewOptions): ChartView<T> {
    return createChart<T>(this, options);
  }

  /** The plan that computes this stream, as text or as a Mermaid flowchart. */
  explain(format: ExplainFormat | { engine: 'duckdb' } = 'text'): string {
    if (typeof format === 'object' && format !== null) return batchHooks.explain(this, format);
    return this.env.explainNodes([this.node], format);
  }

  /** @internal A stream one node further, with this stream as its only input. */
  protected derive<R>(kind: NodeInit['kind'], label: string, create: NonNullable<NodeInit['create']>, recipe: () => Recipe, spec?: NodeInit['spec']): DataStream<R> {
    return this.env.stream<R>({
      ...(spec ? { spec } : {}),
      kind,
      label,
      inputs: [this.node],
      parallelism: 'input',
      timestamps: this.node.timestamps,
      changelog: this.node.changelog,
      create,
      recipe,
    });
  }

  /** Flink's window join: a.join(b).where(keyA).equalTo(keyB).window(assigner).apply((left, right) => row). */
  join<R>(other: DataStream<R>): JoinedStreams<T, R> {
    return (joinFactories.join as NonNullable<typeof joinFactories.join>)(this, other) as JoinedStreams<T, R>;
  }
}

function fieldOf(name: string): (row: any) => number {
  return portable((row: any) => row[name], 'timestampField', [name]);
}

// window() exists only on keyed streams; TypeScript users get a type error, JavaScript users (notebooks,
// the REPL) a RivuletError pointing to keyBy or windowAll.
Object.defineProperty(DataStream.prototype, 'window', {
  value: function window(): never {
    throw new RivuletError('WINDOW_ON_UNKEYED');
  },
  writable: true,
  configurable: true,
});
