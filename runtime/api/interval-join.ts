// The interval join, as Flink spells it: a.keyBy(k).intervalJoin(b.keyBy(k)).between(lower, upper)
// .process((left, right, ctx, out) => ...) or .apply((left, right) => row). A right element joins a left
// element of the same key when left.ts + lower <= right.ts <= left.ts + upper (bounds inclusive unless made
// exclusive). Event time only; elements behind the watermark go to the result's lateOutput().
import { LogicalNode } from '../graph/node.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { IntervalJoinOperator, type ProcessJoinFunction } from '../operators/join/interval-join-operator.ts';
import { taggedKey } from '../operators/join/join-tag.ts';
import type { KeyedStream } from './keyed-stream.ts';
import { fn } from './arguments.ts';
import { joinInputs } from './join-plan.ts';
import { IntervalJoinResultStream } from './join-result-stream.ts';
import { SideOutputStreams } from './side-output-stream.ts';
import { portable } from '../graph/portable.ts';

/** a.keyBy(k).intervalJoin(b.keyBy(k)): waiting for between(lower, upper). */
export class IntervalJoin<L, R, K> {
  constructor(
    private readonly left: KeyedStream<L, K>,
    private readonly right: KeyedStream<R, K>,
  ) {}

  /** Joins right elements with left.ts + lowerMs <= right.ts <= left.ts + upperMs (integers, lower <= upper). */
  between(lowerMs: number, upperMs: number): IntervalJoined<L, R, K> {
    for (const [name, v] of [['lowerMs', lowerMs], ['upperMs', upperMs]] as const) {
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        throw new RivuletError('BAD_ARGUMENT', { where: 'intervalJoin().between', name, expected: 'an integer number of ms', got: v });
      }
    }
    if (lowerMs > upperMs) throw new RivuletError('BAD_INTERVAL', { lower: lowerMs, upper: upperMs });
    return new IntervalJoined<L, R, K>(this.left, this.right, lowerMs, upperMs, true, true);
  }
}

export class IntervalJoined<L, R, K> {
  constructor(
    private readonly left: KeyedStream<L, K>,
    private readonly right: KeyedStream<R, K>,
    private readonly lower: number,
    private readonly upper: number,
    private readonly lowerInclusive: boolean,
    private readonly upperInclusive: boolean,
  ) {}

  /** right.ts > left.ts + lower instead of >=. */
  lowerBoundExclusive(): IntervalJoined<L, R, K> {
    return new IntervalJoined<L, R, K>(this.left, this.right, this.lower, this.upper, false, this.upperInclusive);
  }

  /** right.ts < left.ts + upper instead of <=. */
  upperBoundExclusive(): IntervalJoined<L, R, K> {
    return new IntervalJoined<L, R, K>(this.left, this.right, this.lower, this.upper, this.lowerInclusive, false);
  }

  /** Flink's ProcessJoinFunction: (left, right, ctx, out) => void; ctx has key, the timestamps and output(tag, v). */
  process<O>(f: ProcessJoinFunction<L, R, O, K>): IntervalJoinResultStream<O, L, R> {
    const ok = typeof f === 'function' || (typeof f === 'object' && f !== null && typeof f.processElement === 'function');
    if (!ok) {
      throw new RivuletError('BAD_ARGUMENT', {
        where: 'intervalJoin().process',
        name: 'the join function',
        expected: 'a function (left, right, ctx, out) => void or an object with processElement',
        got: f,
      });
    }
    return this.build<O>('process', f as ProcessJoinFunction<unknown, unknown, unknown>);
  }

  /** One row per joined pair. */
  apply<O>(f: (left: L, right: R) => O): IntervalJoinResultStream<O, L, R> {
    const g = fn<(l: L, r: R) => O>('intervalJoin().apply', 'the join function', f);
    return this.build<O>('apply', portable((l, r, _ctx, out) => out.collect(g(l as L, r as R)), 'intervalApply', [g]), g);
  }

  private build<O>(what: string, f: ProcessJoinFunction<unknown, unknown, unknown>, apply?: Function): IntervalJoinResultStream<O, L, R> {
    const lower = this.lowerInclusive ? this.lower : this.lower + 1;
    const upper = this.upperInclusive ? this.upper : this.upper - 1;
    const bounds = `${this.lowerInclusive ? '[' : '('}${this.lower}, ${this.upper}${this.upperInclusive ? ']' : ')'}`;
    const leftKey = this.left.key as (row: unknown) => unknown;
    const rightKey = this.right.key as (row: unknown) => unknown;
    const sides = new SideOutputStreams();
    const node = new LogicalNode({
      kind: 'join',
      label: `interval join ${bounds} ${what}`,
      inputs: joinInputs(this.left.node.inputs[0] as LogicalNode, this.right.node.inputs[0] as LogicalNode, leftKey, rightKey),
      parallelism: 'keyed',
      timestamps: true,
      changelog: false,
      spec: { join: 'interval', lower, upper, ...(apply ? { apply } : {}) },
      create: (ctx) =>
        new IntervalJoinOperator({ key: taggedKey(leftKey, rightKey), lower, upper, fn: f, sideOutputs: sides.names }, ctx),
      recipe: () => ({
        op: 'intervalJoin',
        args: [{ key: taggedKey(leftKey, rightKey), lower, upper, fn: f, sideOutputs: sides.names }],
      }),
    });
    return new IntervalJoinResultStream<O, L, R>(this.left.env, node, sides);
  }
}
