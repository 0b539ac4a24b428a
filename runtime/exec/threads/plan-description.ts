// The job's logical plan as a worker receives it: every node (keyBy nodes included) in topological order with
// its shape, and, for the nodes the workers run, the recipe to re-create the operator and the key selectors
// of the hash exchanges they feed, with every function encoded (encode-value.ts). Workers rebuild the same
// nodes in the same order, so that the physical plan numbers gates and channels alike on every thread.
import { LogicalNode, topologicalOrder, type NodeKind, type ParallelismRule } from '../../graph/node.ts';
import { parallelismOf } from '../../graph/edges.ts';
import { RivuletError } from '../../errors/rivulet-error.ts';
import { encodeValue, type WireValue } from './encode-value.ts';
import { decodeValue } from './decode-value.ts';
import { recipeCreate } from './recipes.ts';
import { describeSource, rebuildSource, replicatedPart, type SourceDescription } from './source-replication.ts';

export interface NodeDescription {
  readonly kind: NodeKind;
  readonly label: string;
  readonly inputs: number[];
  readonly parallelism: ParallelismRule;
  readonly timestamps: boolean;
  readonly changelog: boolean;
  readonly bounds: boolean;
  readonly uid?: string;
  readonly sideOf?: { readonly node: number; readonly name: string };
  readonly key?: WireValue;
  readonly recipe?: { readonly op: string; readonly args: WireValue[] };
  /** A source every worker reads (source-replication.ts). */
  readonly source?: SourceDescription;
}

export interface PlanDescription {
  readonly nodes: NodeDescription[];
  /** The sinks the plan was built from (indices into nodes). */
  readonly roots: number[];
  /** Instance nodes (keyBy nodes left out, as the physical plan numbers them) that run in workers. */
  readonly region: number[];
  /** Instance nodes every worker runs: the sources and the steps before the first hash exchange (may be empty). */
  readonly replicated: number[];
}

/**
 * The nodes that run in workers: every operator with the environment's parallelism, i.e. the keyed part of the
 * plan after a hash exchange and what follows it partition by partition. Sources, sinks and single-instance
 * steps stay on the main thread.
 */
export function workerRegion(instanceNodes: LogicalNode[], parallelism: number): Set<LogicalNode> {
  const par = parallelismOf(instanceNodes, parallelism);
  const region = new Set<LogicalNode>();
  if (parallelism < 2) return region;
  for (const n of instanceNodes) if (n.kind !== 'sink' && n.kind !== 'source' && par.get(n) === parallelism) region.add(n);
  return region;
}

/**
 * The plan as workers rebuild it. With `replicate`, the sources and the steps before the first hash exchange
 * run in every worker when they can (source-replication.ts); otherwise, or when a function of that part cannot
 * travel, they stay on the main thread.
 */
export function describePlan(sinks: LogicalNode[], parallelism: number, replicate = false): PlanDescription {
  if (replicate) {
    try {
      const d = describeWith(sinks, parallelism, true);
      if (d.replicated.length > 0) return d;
    } catch {
      // A step before the first keyBy captures a variable: it runs on the main thread, as without replication.
    }
  }
  return describeWith(sinks, parallelism, false);
}

function describeWith(sinks: LogicalNode[], parallelism: number, replicate: boolean): PlanDescription {
  const all = topologicalOrder(sinks);
  const instanceNodes = all.filter((n) => n.kind !== 'keyBy');
  const region = workerRegion(instanceNodes, parallelism);
  const replicated = (replicate && parallelism > 1 && replicatedPart(instanceNodes, region, parallelismOf(instanceNodes, parallelism))) || new Set<LogicalNode>();
  const inWorkers = (n: LogicalNode): boolean => region.has(n) || replicated.has(n);
  const index = new Map(all.map((n, i) => [n, i]));
  const nodes = all.map((n): NodeDescription => {
    const d: NodeDescription = {
      kind: n.kind,
      label: n.label,
      inputs: n.inputs.map((u) => index.get(u) as number),
      parallelism: n.parallelism,
      timestamps: n.timestamps,
      changelog: n.changelog,
      bounds: n.bounds,
      ...(n.uid !== undefined ? { uid: n.uid } : {}),
      ...(n.sideOf ? { sideOf: { node: index.get(n.sideOf.node) as number, name: n.sideOf.name } } : {}),
    };
    if (n.kind === 'keyBy' && inWorkers(keyedFrom(n))) return { ...d, key: encodeValue(n.key, n.label) };
    if (n.kind === 'source' && replicated.has(n) && n.source?.portable) return { ...d, source: describeSource(n.source.portable, n.label) };
    if (!inWorkers(n)) return d;
    if (n.recipe === undefined) throw new RivuletError('THREADS_UNSUPPORTED', { what: `The step "${n.label}"` });
    const r = n.recipe();
    return { ...d, recipe: { op: r.op, args: r.args.map((a) => encodeValue(a, n.label)) } };
  });
  return {
    nodes,
    roots: sinks.map((s) => index.get(s) as number),
    region: instanceNodes.flatMap((n, i) => (region.has(n) ? [i] : [])),
    replicated: instanceNodes.flatMap((n, i) => (replicated.has(n) ? [i] : [])),
  };
}

/** The stream a keyBy node keys (through chained keyBys): the sender of the hash exchange. */
function keyedFrom(n: LogicalNode): LogicalNode {
  let from = n.inputs[0] as LogicalNode;
  while (from.kind === 'keyBy') from = from.inputs[0] as LogicalNode;
  return from;
}

/** In a worker: the same nodes again, with operators re-created from their recipes. Returns the roots. */
export function rebuildPlan(d: PlanDescription): LogicalNode[] {
  const built: LogicalNode[] = [];
  for (const n of d.nodes) {
    const recipe = n.recipe;
    const node = new LogicalNode({
      kind: n.kind,
      label: n.label,
      inputs: n.inputs.map((i) => built[i] as LogicalNode),
      parallelism: n.parallelism,
      timestamps: n.timestamps,
      changelog: n.changelog,
      bounds: n.bounds,
      ...(n.sideOf ? { sideOf: { node: built[n.sideOf.node] as LogicalNode, name: n.sideOf.name } } : {}),
      ...(n.key ? { key: decodeValue(n.key) as (row: unknown) => unknown } : {}),
      ...(recipe ? { create: recipeCreate(recipe.op, recipe.args.map(decodeValue)) } : {}),
      ...(n.source ? { source: rebuildSource(n.source) } : {}),
    });
    if (n.uid !== undefined) node.uid = n.uid;
    built.push(node);
  }
  return d.roots.map((r) => built[r] as LogicalNode);
}
