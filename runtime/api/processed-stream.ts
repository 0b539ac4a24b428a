// The stream a keyed process function returns: its main output, plus sideOutput(tag) (Flink's
// getSideOutput(tag)) for what the function sent with ctx.output(tag, value).
import { DataStream } from './data-stream.ts';
import type { OutputTag } from '../operators/process/output-tag.ts';
import type { LogicalNode } from '../graph/node.ts';
import type { StreamEnvironment } from './stream-environment.ts';
import { SideOutputStreams } from './side-output-stream.ts';

export class ProcessedStream<R> extends DataStream<R> {
  constructor(
    env: StreamEnvironment,
    node: LogicalNode,
    /** @internal Shared with the operator factory, which reads the names when a job is built. */
    readonly sides: SideOutputStreams,
  ) {
    super(env, node);
  }

  /** What the function sent with ctx.output(tag, value), as a stream (tag: an OutputTag or its name). */
  sideOutput<X>(tag: OutputTag<X> | string): DataStream<X> {
    return this.sides.byTag<X>(this.env, this.node, tag);
  }

  /** Flink's name for sideOutput(tag). */
  getSideOutput<X>(tag: OutputTag<X> | string): DataStream<X> {
    return this.sideOutput(tag);
  }
}
