// Operator fusion of a map into the addSink that reads it. A map whose only consumer is a function sink in
// the same partitions runs in the sink's own loop, `sink(fn(row), kind)`, compiled per pair of functions
// (specialised-loop.ts): V8 can then inline both and often never allocate the mapped row at all, where a
// map operator must build a batch of new rows for the next operator. The job keeps every other property:
// the same partitions, watermarks, changelog kinds, errors named after the step that threw, and records out.
import { LogicalNode, topologicalOrder } from '../graph/node.ts';
import { FunctionSink, type SinkFunction } from '../connectors/function-sink.ts';

const fusedFrom = new WeakMap<LogicalNode, LogicalNode>();

/** The sink node a fused node stands for (itself when it is not fused). */
export function originalSink(node: LogicalNode): LogicalNode {
  return fusedFrom.get(node) ?? node;
}

/** How many nodes read each node (side outputs count as readers of their parent). */
function readers(roots: LogicalNode[]): Map<LogicalNode, number> {
  const count = new Map<LogicalNode, number>();
  for (const n of topologicalOrder(roots)) for (const u of n.upstream) count.set(u, (count.get(u) ?? 0) + 1);
  return count;
}

/** The map fused into `sink`, when it can be: a plain map (only a function), read by this sink alone. */
function fusableMap(sink: LogicalNode, count: Map<LogicalNode, number>): ((row: any) => unknown) | undefined {
  const sinkFn = sink.spec?.sinkFn;
  const map = sink.inputs[0];
  if (sink.kind !== 'sink' || typeof sinkFn !== 'function' || sink.parallelism !== 'input' || map === undefined) return undefined;
  if (map.kind !== 'map' || map.parallelism !== 'input' || map.sideOf !== undefined || count.get(map) !== 1) return undefined;
  const spec = map.spec ?? {};
  const keys = Object.keys(spec);
  return keys.length === 1 && keys[0] === 'fn' && typeof spec.fn === 'function' ? (spec.fn as (row: any) => unknown) : undefined;
}

/** The job's sinks with each fusable map folded into its sink (the others as they were). */
export function fuseMapsIntoSinks(sinks: LogicalNode[]): LogicalNode[] {
  const count = readers(sinks);
  return sinks.map((sink) => {
    const fn = fusableMap(sink, count);
    if (fn === undefined) return sink;
    const map = sink.inputs[0] as LogicalNode;
    const sinkFn = sink.spec?.sinkFn as SinkFunction<unknown>;
    const fused = new LogicalNode({
      kind: 'sink',
      label: `${map.label} → ${sink.label}`,
      inputs: map.inputs,
      parallelism: 'input',
      timestamps: sink.timestamps,
      changelog: false,
      create: (ctx) => new FunctionSink(sinkFn, ctx.out, fn),
    });
    if (sink.uid !== undefined) fused.uid = sink.uid;
    fusedFrom.set(fused, sink);
    return fused;
  });
}
