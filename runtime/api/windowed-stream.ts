// WindowedStream (keyed) and AllWindowedStream (unkeyed, parallelism 1): a window definition waiting for
// what to compute per window — aggregate, reduce or process — with allowed lateness. The result stream
// offers lateOutput(): the elements that came too late for every window, never silently lost.
import { LogicalNode } from '../graph/node.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { AggregateSet, type AggregateSpec } from '../operators/aggregates/aggregate-set.ts';
import { isAggregateFunction, type AggregateFunction } from '../operators/aggregates/aggregate-function.ts';
import { WindowOperator } from '../operators/window/window-operator.ts';
import {
  aggregateContents,
  reduceContents,
  processContents,
  type WindowContents,
  type ProcessWindowFunction,
} from '../operators/window/window-contents.ts';
import { PassThroughOperator } from '../operators/pass-through.ts';
import { describeAssigner, type WindowAssigner } from '../time/windows/window-assigner.ts';
import { DataStream } from './data-stream.ts';
import { fn, nonNegativeInt } from './arguments.ts';
import { streamFactories } from './stream-factories.ts';
import type { StreamEnvironment } from './stream-environment.ts';
import { checkAssigner } from './window-checks.ts';
import { lineageOf } from '../lineage/lineage-store.ts';
import { LineageWindowOperator } from '../lineage/lineage-window-operator.ts';
import type { Recipe } from '../graph/portable.ts';

type ResultOf<F> = F extends AggregateFunction<any, any, infer O> ? O : unknown;
export type AggregateRow<S> = { [N in keyof S]: ResultOf<S[N]> };
export interface WindowFields {
  windowStart: number;
  windowEnd: number;
}

/** The stream a windowed computation returns; lateOutput() is Flink's getSideOutput(lateDataTag). */
export class WindowedResultStream<R, T> extends DataStream<R> {
  /** The elements that were late for every window they belong to (beyond the allowed lateness). */
  lateOutput(): DataStream<T> {
    return this.env.stream<T>({
      kind: 'side',
      label: 'late data',
      inputs: [],
      parallelism: 'input',
      timestamps: true,
      changelog: false,
      sideOf: { node: this.node, name: 'late' },
      create: (ctx) => new PassThroughOperator(ctx.out),
      recipe: () => ({ op: 'passThrough', args: [] }),
    });
  }
}

class WindowDefinition<T> {
  constructor(
    readonly env: StreamEnvironment,
    protected readonly input: LogicalNode,
    protected readonly assigner: WindowAssigner,
    protected readonly lateness: number,
    protected readonly keyed: boolean,
  ) {}

  /** Reduces each window's elements; emits the reduced element (Flink's window reduce). */
  reduce(f: (a: T, b: T) => T): WindowedResultStream<T, T> {
    const g = fn<(a: T, b: T) => T>('reduce', 'the function', f);
    return this.build('reduce', () => reduceContents(g), (settings) => ({ op: 'windowReduce', args: [settings, g] }), { reduce: g });
  }

  /** Flink's ProcessWindowFunction: (key, { window, currentWatermark }, elements, out) => void. */
  process<R>(f: ProcessWindowFunction<T, R>): WindowedResultStream<R, T> {
    const g = fn<ProcessWindowFunction<unknown, unknown>>('process', 'the function', f);
    return this.build('process', () => processContents(g), (settings) => ({ op: 'windowProcess', args: [settings, g] }));
  }

  /** Named aggregates (or one AggregateFunction, as `value`) per window. */
  protected aggregateRows(spec: unknown): WindowedResultStream<any, T> {
    const s = aggregateSpec(spec);
    const aggs = new AggregateSet(s);
    const keyed = this.keyed;
    return this.build(`aggregate {${aggs.names.join(', ')}}`, () => aggregateContents(aggs, keyed), (settings) => ({
      op: 'windowAggregate',
      args: [settings, s, keyed],
    }), { aggregates: s });
  }

  protected build<R>(what: string, contents: () => WindowContents<any>, recipe: (settings: object) => Recipe, spec: Record<string, unknown> = {}): WindowedResultStream<R, T> {
    const settings = {
      assigner: this.assigner,
      allowedLateness: this.lateness,
      key: this.keyed ? (this.input.key as (row: any) => unknown) : null,
    };
    const lateness = this.lateness > 0 ? `, lateness ${this.lateness} ms` : '';
    const node: LogicalNode = new LogicalNode({
      kind: 'window',
      label: `${this.keyed ? 'window' : 'windowAll'} ${describeAssigner(this.assigner)}${lateness} ${what}`,
      inputs: [this.input],
      parallelism: this.keyed ? 'keyed' : 'one',
      timestamps: true,
      changelog: this.assigner.time === 'event' && this.lateness > 0,
      spec: { ...spec, assigner: this.assigner, allowedLateness: this.lateness, keyed: this.keyed },
      create: (ctx): WindowOperator<any> => {
        // With lineage on (env.enableLineage()), keyed event-time windows note what went into each window.
        const store = lineageOf(this.env);
        if (store === undefined) return new WindowOperator(settings, contents(), ctx);
        const supported = this.keyed && this.assigner.kind !== 'session' && this.assigner.time === 'event';
        return new LineageWindowOperator(settings, contents(), ctx).withLineage(store, store.windowFor(node, supported));
      },
      recipe: () => recipe(settings),
    });
    return new WindowedResultStream<R, T>(this.env, node);
  }

  protected latenessArg(ms: number): number {
    const l = nonNegativeInt('allowedLateness', 'the lateness', ms);
    if (this.assigner.time === 'processing' && l > 0) {
      throw new RivuletError('BAD_ARGUMENT', {
        where: 'allowedLateness',
        name: 'the lateness',
        expected: '0 for processing-time windows',
        got: ms,
        hint: 'Lateness is an event-time notion; use an event-time window (the default) to allow late elements.',
      });
    }
    return l;
  }
}

function aggregateSpec(spec: unknown): AggregateSpec {
  return isAggregateFunction(spec) ? { value: spec } : (spec as AggregateSpec);
}

export class WindowedStream<T, K = unknown> extends WindowDefinition<T> {
  /** Keeps windows for `ms` after they fire; late elements within it update the result (-U/+U). */
  allowedLateness(ms: number): WindowedStream<T, K> {
    return new WindowedStream<T, K>(this.env, this.input, this.assigner, this.latenessArg(ms), true);
  }

  /** Named aggregates per window: rows { key, windowStart, windowEnd, ...aggregates }. */
  aggregate<S extends AggregateSpec>(spec: S): WindowedResultStream<{ key: K } & WindowFields & AggregateRow<S>, T>;
  aggregate<O>(f: AggregateFunction<T, any, O>): WindowedResultStream<{ key: K; value: O } & WindowFields, T>;
  aggregate(spec: unknown): WindowedResultStream<any, T> {
    return this.aggregateRows(spec);
  }
}

export class AllWindowedStream<T> extends WindowDefinition<T> {
  allowedLateness(ms: number): AllWindowedStream<T> {
    return new AllWindowedStream<T>(this.env, this.input, this.assigner, this.latenessArg(ms), false);
  }

  /** Named aggregates per window over the whole stream: rows { windowStart, windowEnd, ...aggregates }. */
  aggregate<S extends AggregateSpec>(spec: S): WindowedResultStream<WindowFields & AggregateRow<S>, T>;
  aggregate<O>(f: AggregateFunction<T, any, O>): WindowedResultStream<{ value: O } & WindowFields, T>;
  aggregate(spec: unknown): WindowedResultStream<any, T> {
    return this.aggregateRows(spec);
  }
}

streamFactories.allWindowed = (env, input, assigner) => {
  checkAssigner(assigner, input, 'windowAll');
  return new AllWindowedStream(env, input, assigner, 0, false);
};
