// The window join, as Flink spells it: a.join(b).where(keyA).equalTo(keyB).window(assigner).apply((l, r) => row).
// For each window and key, every left element is paired with every right element of that window and key,
// and the pairs are emitted (append-only) when the window fires. Elements late for all their windows go to
// the result's lateOutput().
import { LogicalNode } from '../graph/node.ts';
import { WindowOperator } from '../operators/window/window-operator.ts';
import { describeAssigner, type WindowAssigner } from '../time/windows/window-assigner.ts';
import {
  applyAsProcess,
  windowJoinContents,
  type JoinFunction,
  type ProcessWindowJoinFunction,
} from '../operators/join/window-join.ts';
import { taggedKey } from '../operators/join/join-tag.ts';
import type { DataStream } from './data-stream.ts';
import { fn, keySelector } from './arguments.ts';
import { checkAssigner } from './window-checks.ts';
import { checkJoinInput, joinInputs } from './join-plan.ts';
import { JoinResultStream } from './join-result-stream.ts';
import { joinFactories } from './join-hooks.ts';

type KeyArg<T, K> = ((row: T) => K) | (keyof T & string) | number;

/** a.join(b): waiting for where(keyOfLeft). */
export class JoinedStreams<L, R> {
  constructor(
    readonly left: DataStream<L>,
    readonly right: DataStream<R>,
  ) {
    checkJoinInput('join', left, right);
  }

  /** The key of a left element (a function, a field name or a tuple position). */
  where<K>(key: KeyArg<L, K>): JoinWhere<L, R, K> {
    return new JoinWhere<L, R, K>(this.left, this.right, keySelector('join().where', key) as (row: L) => K);
  }
}

export class JoinWhere<L, R, K> {
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
    private readonly leftKey: (row: L) => K,
  ) {}

  /** The key of a right element; it joins the left elements whose key is equal. */
  equalTo(key: KeyArg<R, K>): JoinEqualTo<L, R, K> {
    return new JoinEqualTo<L, R, K>(this.left, this.right, this.leftKey, keySelector('join().equalTo', key) as (row: R) => K);
  }
}

export class JoinEqualTo<L, R, K> {
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
    private readonly leftKey: (row: L) => K,
    private readonly rightKey: (row: R) => K,
  ) {}

  /** The windows to join in (tumbling, sliding or session; event time needs timestamps on both inputs). */
  window(assigner: WindowAssigner): WindowedJoin<L, R, K> {
    checkAssigner(assigner, this.left.node, 'join().window');
    checkAssigner(assigner, this.right.node, 'join().window');
    return new WindowedJoin<L, R, K>(this.left, this.right, this.leftKey, this.rightKey, assigner);
  }
}

export class WindowedJoin<L, R, K> {
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
    private readonly leftKey: (row: L) => K,
    private readonly rightKey: (row: R) => K,
    private readonly assigner: WindowAssigner,
  ) {}

  /** Flink's JoinFunction: one row per pair (left, right) of each window and key. */
  apply<O>(f: JoinFunction<L, R, O>): JoinResultStream<O, L, R> {
    const g = fn<JoinFunction<L, R, O>>('join().apply', 'the join function', f);
    return this.build<O>('apply', applyAsProcess(g) as ProcessWindowJoinFunction<unknown, unknown, unknown>, g);
  }

  /** Any number of rows per pair: (left, right, { key, window }, out) => void (Flink's FlatJoinFunction). */
  process<O>(f: ProcessWindowJoinFunction<L, R, O, K>): JoinResultStream<O, L, R> {
    const g = fn<ProcessWindowJoinFunction<unknown, unknown, unknown>>('join().process', 'the join function', f);
    return this.build<O>('process', g);
  }

  private build<O>(what: string, f: ProcessWindowJoinFunction<unknown, unknown, unknown>, apply?: Function): JoinResultStream<O, L, R> {
    const settings = {
      assigner: this.assigner,
      allowedLateness: 0,
      key: taggedKey(this.leftKey as (row: unknown) => unknown, this.rightKey as (row: unknown) => unknown),
    };
    const node = new LogicalNode({
      kind: 'join',
      label: `window join ${describeAssigner(this.assigner)} ${what}`,
      inputs: joinInputs(this.left.node, this.right.node, this.leftKey, this.rightKey),
      parallelism: 'keyed',
      timestamps: true,
      changelog: false,
      spec: { join: 'window', assigner: this.assigner, ...(apply ? { apply } : {}) },
      create: (ctx) => new WindowOperator(settings, windowJoinContents(f), ctx),
      recipe: () => ({ op: 'windowJoin', args: [settings, f] }),
    });
    return new JoinResultStream<O, L, R>(this.left.env, node);
  }
}

joinFactories.join = (left, right) => new JoinedStreams(left, right);
