// How a worker re-creates an operator from a node's recipe (graph/node.ts `recipe`): the same constructors the
// chain-style API calls on the main thread, with the decoded arguments. Keep in step with runtime/api/.
import type { Operator, OperatorContext } from '../operator.ts';
import { MapOperator } from '../../operators/map.ts';
import { FilterOperator } from '../../operators/filter.ts';
import { FlatMapOperator } from '../../operators/flat-map.ts';
import { PassThroughOperator } from '../../operators/pass-through.ts';
import { ChangelogOperator } from '../../operators/changelog.ts';
import { WatermarkAssigner } from '../../operators/watermark-assigner.ts';
import { RollingOperator } from '../../operators/rolling-operator.ts';
import { reduceFold } from '../../operators/keyed-reduce.ts';
import { aggregateFold } from '../../operators/rolling-aggregate.ts';
import { AggregateSet, type AggregateSpec } from '../../operators/aggregates/aggregate-set.ts';
import { KeyedProcessOperator, type ProcessSettings } from '../../operators/process/keyed-process-operator.ts';
import { WindowOperator } from '../../operators/window/window-operator.ts';
import { aggregateContents, reduceContents, processContents } from '../../operators/window/window-contents.ts';
import { windowJoinContents } from '../../operators/join/window-join.ts';
import { IntervalJoinOperator } from '../../operators/join/interval-join-operator.ts';
import { RivuletError } from '../../errors/rivulet-error.ts';

type Create = (args: any[], ctx: OperatorContext) => Operator;

const recipes: Record<string, Create> = {
  map: ([g], ctx) => new MapOperator(g, ctx.out),
  filter: ([p], ctx) => new FilterOperator(p, ctx.out),
  flatMap: ([g], ctx) => new FlatMapOperator(g, ctx.out),
  passThrough: (_a, ctx) => new PassThroughOperator(ctx.out),
  changelog: (_a, ctx) => new ChangelogOperator(ctx.out),
  watermarks: ([strategy], ctx) => new WatermarkAssigner(strategy, ctx.out, ctx.clock, ctx.partition, ctx.parallelism),
  rollingReduce: ([key, g, timed], ctx) => new RollingOperator(key, reduceFold(g), ctx, timed),
  rollingAggregate: ([key, spec, timed], ctx) =>
    new RollingOperator(key, aggregateFold(new AggregateSet(spec as AggregateSpec, new Set(['key', 'op']))), ctx, timed),
  process: ([settings], ctx) => new KeyedProcessOperator(settings as ProcessSettings, ctx),
  windowAggregate: ([settings, spec, keyed], ctx) => new WindowOperator(settings, aggregateContents(new AggregateSet(spec), keyed), ctx),
  windowReduce: ([settings, g], ctx) => new WindowOperator(settings, reduceContents(g), ctx),
  windowProcess: ([settings, g], ctx) => new WindowOperator(settings, processContents(g), ctx),
  windowJoin: ([settings, f], ctx) => new WindowOperator(settings, windowJoinContents(f), ctx),
  intervalJoin: ([settings], ctx) => new IntervalJoinOperator(settings, ctx),
};

export function recipeCreate(op: string, args: unknown[]): (ctx: OperatorContext) => Operator {
  const create = recipes[op];
  if (create === undefined) throw new RivuletError('THREADS_UNSUPPORTED', { what: `The operator recipe "${op}"` });
  return (ctx) => create(args as any[], ctx);
}
