// How logical nodes connect once keyBy nodes are folded into the edges they create: each node's parallelism
// and each edge's kind (forward within a partition, hash by key group, global into a single instance, or a
// side output). Used by the physical planner and by explain().
import type { LogicalNode } from './node.ts';

export type EdgeKind = 'forward' | 'hash' | 'global' | 'side';

export interface Edge {
  readonly from: LogicalNode;
  readonly to: LogicalNode;
  readonly kind: EdgeKind;
  readonly key?: (row: any) => unknown;
  readonly side?: string;
}

/** The parallelism of every node (keyBy nodes count as the environment's parallelism). */
export function parallelismOf(nodes: LogicalNode[], p: number): Map<LogicalNode, number> {
  const par = new Map<LogicalNode, number>();
  const edgePar = (n: LogicalNode): number => (n.kind === 'keyBy' ? p : (par.get(n) as number));
  for (const n of nodes) {
    if (n.kind === 'keyBy') continue;
    if (n.sideOf) par.set(n, par.get(n.sideOf.node) as number);
    else if (n.parallelism === 'one') par.set(n, 1);
    else if (n.parallelism === 'keyed') par.set(n, p);
    else par.set(n, Math.max(1, ...n.inputs.map(edgePar)));
  }
  return par;
}

/** The edges into `n`, with keyBy nodes folded into hash edges from the stream they key. */
export function edgesInto(n: LogicalNode, par: Map<LogicalNode, number>): Edge[] {
  if (n.sideOf) return [{ from: n.sideOf.node, to: n, kind: 'side', side: n.sideOf.name }];
  return n.inputs.map((input): Edge => {
    if (input.kind === 'keyBy') {
      let from = input.inputs[0] as LogicalNode;
      while (from.kind === 'keyBy') from = from.inputs[0] as LogicalNode;
      return { from, to: n, kind: 'hash', key: input.key as (row: any) => unknown };
    }
    return { from: input, to: n, kind: par.get(n) === 1 && par.get(input) !== 1 ? 'global' : 'forward' };
  });
}
