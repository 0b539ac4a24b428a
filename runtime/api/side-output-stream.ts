// A side output of a node as a DataStream (Flink's getSideOutput): a 'side' node wired to the named side
// output of its parent. Side streams are made once per name, so asking twice gives the same stream.
import type { LogicalNode } from '../graph/node.ts';
import { PassThroughOperator } from '../operators/pass-through.ts';
import { sideOutputName, type OutputTag } from '../operators/process/output-tag.ts';
import type { DataStream } from './data-stream.ts';
import type { StreamEnvironment } from './stream-environment.ts';

export class SideOutputStreams {
  private readonly streams = new Map<string, DataStream<unknown>>();

  /** The side output names asked for so far: the operator sends watermarks and an end to each. */
  get names(): string[] {
    return [...this.streams.keys()];
  }

  /** The stream of what a function sent with ctx.output(tag, value) (tag: an OutputTag or its name). */
  byTag<X>(env: StreamEnvironment, parent: LogicalNode, tag: OutputTag<X> | string): DataStream<X> {
    const name = sideOutputName('sideOutput', tag);
    return this.get<X>(env, parent, name, `side output "${name.slice(4)}"`);
  }

  get<X>(env: StreamEnvironment, parent: LogicalNode, name: string, label: string): DataStream<X> {
    let s = this.streams.get(name);
    if (s === undefined) {
      s = env.stream<unknown>({
        kind: 'side',
        label,
        inputs: [],
        parallelism: 'input',
        timestamps: parent.timestamps,
        changelog: false,
        sideOf: { node: parent, name },
        create: (ctx) => new PassThroughOperator(ctx.out),
        recipe: () => ({ op: 'passThrough', args: [] }),
      });
      this.streams.set(name, s);
    }
    return s as DataStream<X>;
  }
}
