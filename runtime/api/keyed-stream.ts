// KeyedStream: a stream partitioned by key (keyBy). Keyed operations keep per-key state in the partition that
// owns the key: rolling reduce and aggregate (changelogs), Flink's sum/min/max shorthands, windows, the keyed
// process function and the interval join.
import { LogicalNode, type NodeInit } from '../graph/node.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { RollingOperator } from '../operators/rolling-operator.ts';
import { reduceFold } from '../operators/keyed-reduce.ts';
import { aggregateFold } from '../operators/rolling-aggregate.ts';
import { AggregateSet, type AggregateSpec } from '../operators/aggregates/aggregate-set.ts';
import type { WindowAssigner } from '../time/windows/window-assigner.ts';
import { DataStream } from './data-stream.ts';
import { WindowedStream, type AggregateRow } from './windowed-stream.ts';
import { fn, keySelector } from './arguments.ts';
import { streamFactories } from './stream-factories.ts';
import type { StreamEnvironment } from './stream-environment.ts';
import { checkAssigner } from './window-checks.ts';
import { KeyedProcessOperator } from '../operators/process/keyed-process-operator.ts';
import type { ProcessFunctionLike } from '../operators/process/process-function.ts';
import { ProcessedStream } from './processed-stream.ts';
import { SideOutputStreams } from './side-output-stream.ts';
import { processFunctionArg } from './process-arguments.ts';
import { IntervalJoin } from './interval-join.ts';
import { checkJoinInput } from './join-plan.ts';
import './joined-streams.ts';
import { portable, type Recipe } from '../graph/portable.ts';

export class KeyedStream<T, K = unknown> extends DataStream<T> {
  /** The key selector. */
  get key(): (row: T) => K {
    return this.node.key as (row: T) => K;
  }

  /** Running reduction per key, as a changelog: +I for the first record, then -U old / +U new. */
  reduce(f: (a: T, b: T) => T): DataStream<T> {
    const g = fn<(a: T, b: T) => T>('reduce', 'the function', f);
    this.appendOnly('reduce');
    const key = this.key;
    const timed = this.node.timestamps;
    return this.keyedNode<T>('reduce', 'reduce', (ctx) => new RollingOperator(key, reduceFold(g), ctx, timed), () => ({ op: 'rollingReduce', args: [key, g, timed] }), { reduce: g });
  }

  /** Running aggregates per key, rows { key, ...aggregates }, as a changelog. */
  aggregate<S extends AggregateSpec>(spec: S): DataStream<{ key: K } & AggregateRow<S>> {
    this.appendOnly('aggregate');
    const aggs = new AggregateSet(spec, new Set(['key', 'op']));
    const key = this.key;
    const timed = this.node.timestamps;
    return this.keyedNode('aggregate', `aggregate {${aggs.names.join(', ')}}`, (ctx) => new RollingOperator(key, aggregateFold(aggs), ctx, timed), () => ({
      op: 'rollingAggregate',
      args: [key, spec, timed],
    }), { aggregates: spec });
  }

  /** Flink's rolling sum of a field (name or tuple position): the record with that field summed. */
  sum(field: keyof T | number): DataStream<T> {
    return this.reduce(combineField('sum', field, (a, b) => a + b));
  }
  /** Flink's rolling min of a field: the record with that field replaced by the minimum so far. */
  min(field: keyof T | number): DataStream<T> {
    return this.reduce(combineField('min', field, (a, b) => Math.min(a, b)));
  }
  /** Flink's rolling max of a field: the record with that field replaced by the maximum so far. */
  max(field: keyof T | number): DataStream<T> {
    return this.reduce(combineField('max', field, (a, b) => Math.max(a, b)));
  }

  /** Flink's minBy: the whole record with the smallest value of a field so far (the first one on ties). */
  minBy(field: keyof T | number): DataStream<T> {
    return this.reduce(pickBy('minBy', field, (a, b) => b < a));
  }
  /** Flink's maxBy: the whole record with the largest value of a field so far (the first one on ties). */
  maxBy(field: keyof T | number): DataStream<T> {
    return this.reduce(pickBy('maxBy', field, (a, b) => b > a));
  }

  /** Windows per key (tumbling, sliding, session; event or processing time). */
  window(assigner: WindowAssigner): WindowedStream<T, K> {
    checkAssigner(assigner, this.node, 'window');
    return new WindowedStream<T, K>(this.env, this.node, assigner, 0, true);
  }

  /**
   * Flink's KeyedProcessFunction: `fn` is (value, ctx, out) => void, or { open?, processElement, onTimer?, close? }.
   * It sees ctx.key, ctx.timestamp, ctx.currentWatermark, ctx.currentProcessingTime, keyed state
   * (ctx.state.value/list/map(descriptor), with optional ttl), timers (ctx.timers) and side outputs
   * (ctx.output(tag, value), read with .sideOutput(tag)). Rows it emits are append-only.
   */
  process<R>(fn: ProcessFunctionLike<K, T, R>): ProcessedStream<R> {
    const f = processFunctionArg<K, T, R>(fn);
    this.appendOnly('process');
    const key = this.key as (row: unknown) => unknown;
    const timed = this.node.timestamps;
    const sides = new SideOutputStreams();
    const node = new LogicalNode({
      kind: 'process',
      label: 'keyed process',
      inputs: [this.node],
      parallelism: 'keyed',
      timestamps: timed,
      changelog: false,
      create: (ctx) => new KeyedProcessOperator({ key, fn: f, timed, sideOutputs: sides.names }, ctx),
      recipe: () => ({ op: 'process', args: [{ key, fn: f, timed, sideOutputs: sides.names }] }),
    });
    return new ProcessedStream<R>(this.env, node, sides);
  }

  /**
   * Flink's interval join with another keyed stream (same key type): continue with .between(lowerMs, upperMs)
   * and .process(fn) or .apply(fn). Both streams need event timestamps.
   */
  intervalJoin<R>(other: KeyedStream<R, K>): IntervalJoin<T, R, K> {
    checkJoinInput('intervalJoin', this, other, 'a KeyedStream (b.keyBy(key))');
    if (!(other instanceof KeyedStream)) {
      throw new RivuletError('BAD_ARGUMENT', { where: 'intervalJoin', name: 'the other stream', expected: 'a KeyedStream (b.keyBy(key))', got: other });
    }
    for (const s of [this, other]) if (!s.node.timestamps) throw new RivuletError('NO_TIMESTAMPS', { operation: 'intervalJoin' });
    return new IntervalJoin<T, R, K>(this, other);
  }

  private appendOnly(operation: string): void {
    if (this.node.changelog) throw new RivuletError('CHANGELOG_INPUT', { operation });
  }

  private keyedNode<R>(kind: 'reduce' | 'aggregate', label: string, create: NonNullable<NodeInit['create']>, recipe: () => Recipe, spec: NodeInit['spec']): DataStream<R> {
    return this.env.stream<R>({
      ...(spec ? { spec } : {}),
      kind,
      label,
      inputs: [this.node],
      parallelism: 'keyed',
      timestamps: this.node.timestamps,
      changelog: true,
      create,
      recipe,
    });
  }
}

function combineField<T>(where: string, field: unknown, op: (a: number, b: number) => number): (a: T, b: T) => T {
  keySelector(where, field);
  const f = field as string | number;
  return portable((a: any, b: any) => {
    // As Flink's SumAggregator / ComparableAggregator: the other fields stay those of the first record.
    const next = Array.isArray(a) ? a.slice() : { ...a };
    next[f] = op(a[f], b[f]);
    return next as T;
  }, 'combineField', [f, op]);
}

function pickBy<T>(where: string, field: unknown, better: (current: any, candidate: any) => boolean): (a: T, b: T) => T {
  keySelector(where, field);
  const f = field as string | number;
  return portable((a: any, b: any) => (better(a[f], b[f]) ? b : a), 'pickBy', [f, better]);
}

streamFactories.keyed = (env: StreamEnvironment, node: LogicalNode) => new KeyedStream(env, node);
