// The stream a join returns: the joined rows, plus the elements that came too late to join (Flink's
// sideOutputLeftLateData / sideOutputRightLateData): lateOutput() gives both sides tagged
// { side: 'left' | 'right', row }, leftLateOutput() and rightLateOutput() one side each. An interval join's
// result also has sideOutput(tag) for what its function sent with ctx.output(tag, value).
import { DataStream } from './data-stream.ts';
import type { LogicalNode } from '../graph/node.ts';
import type { StreamEnvironment } from './stream-environment.ts';
import { SideOutputStreams } from './side-output-stream.ts';
import type { OutputTag } from '../operators/process/output-tag.ts';
import type { Tagged } from '../operators/join/join-tag.ts';

export class JoinResultStream<O, L, R> extends DataStream<O> {
  private readonly late = new SideOutputStreams();
  private lateSides: { left?: DataStream<L>; right?: DataStream<R> } = {};

  /** Elements of either side that were late (behind the watermark for their window or interval). */
  lateOutput(): DataStream<Tagged<L, R>> {
    const s = this.late.get<Tagged<L, R>>(this.env, this.node, 'late', 'late data (join)');
    return s;
  }

  /** Late elements of the left input. */
  leftLateOutput(): DataStream<L> {
    return (this.lateSides.left ??= this.lateOutput()
      .filter((t) => t.side === 'left')
      .map((t) => t.row as L));
  }

  /** Late elements of the right input. */
  rightLateOutput(): DataStream<R> {
    return (this.lateSides.right ??= this.lateOutput()
      .filter((t) => t.side === 'right')
      .map((t) => t.row as R));
  }
}

export class IntervalJoinResultStream<O, L, R> extends JoinResultStream<O, L, R> {
  constructor(
    env: StreamEnvironment,
    node: LogicalNode,
    /** @internal Shared with the operator factory, which reads the names when a job is built. */
    readonly sides: SideOutputStreams,
  ) {
    super(env, node);
  }

  /** What the join function sent with ctx.output(tag, value), as a stream. */
  sideOutput<X>(tag: OutputTag<X> | string): DataStream<X> {
    return this.sides.byTag<X>(this.env, this.node, tag);
  }

  /** Flink's name for sideOutput(tag). */
  getSideOutput<X>(tag: OutputTag<X> | string): DataStream<X> {
    return this.sideOutput(tag);
  }
}
