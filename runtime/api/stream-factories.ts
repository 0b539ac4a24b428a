// Breaks the import cycle between DataStream and its subclasses: DataStream.keyBy() and windowAll() build a
// KeyedStream / AllWindowedStream through these hooks, which those modules fill in when they load (the
// environment imports them all, and every stream starts from an environment).
import type { LogicalNode } from '../graph/node.ts';
import type { StreamEnvironment } from './stream-environment.ts';
import type { WindowAssigner } from '../time/windows/window-assigner.ts';

export const streamFactories = {
  keyed: null as null | ((env: StreamEnvironment, node: LogicalNode) => unknown),
  allWindowed: null as null | ((env: StreamEnvironment, input: LogicalNode, assigner: WindowAssigner) => unknown),
};
