// Logical dataflow nodes: what the chain-style API builds. A node knows its inputs, how its parallelism
// follows from them, whether its output carries event time or is a changelog, and how to create one
// operator instance per partition. The executor turns nodes into instances (exec/physical-plan.ts).
import type { Operator, OperatorContext } from '../exec/operator.ts';
import type { SourceSpec } from '../connectors/source.ts';
import type { Recipe } from './portable.ts';

export type NodeKind =
  | 'source'
  | 'map'
  | 'filter'
  | 'flatMap'
  | 'union'
  | 'keyBy'
  | 'watermarks'
  | 'reduce'
  | 'aggregate'
  | 'window'
  | 'process'
  | 'join'
  | 'side'
  | 'take'
  | 'changelog'
  | 'sink';

/**
 * How a node's parallelism follows: 'one' runs one instance (sources, windowAll, take), 'keyed' runs one per
 * partition behind a hash exchange, 'input' follows its input (the widest input of a union).
 */
export type ParallelismRule = 'one' | 'keyed' | 'input';

export interface NodeInit {
  kind: NodeKind;
  label: string;
  inputs: LogicalNode[];
  parallelism: ParallelismRule;
  timestamps: boolean;
  changelog: boolean;
  create?: (ctx: OperatorContext) => Operator;
  source?: SourceSpec;
  key?: (row: any) => unknown;
  sideOf?: { node: LogicalNode; name: string };
  /** For nodes that end a stream early (take): the stream is bounded from here on. */
  bounds?: boolean;
  /** How a worker thread re-creates the operator (executor 'threads'), read when a job starts. */
  recipe?: () => Recipe;
  /** What the step computes (its functions and settings), for compilers such as the DuckDB batch mode. */
  spec?: Readonly<Record<string, unknown>>;
}

let nextId = 1;

export class LogicalNode {
  readonly id = nextId++;
  readonly kind: NodeKind;
  readonly label: string;
  readonly inputs: LogicalNode[];
  readonly parallelism: ParallelismRule;
  readonly timestamps: boolean;
  readonly changelog: boolean;
  readonly create: ((ctx: OperatorContext) => Operator) | undefined;
  readonly source: SourceSpec | undefined;
  readonly key: ((row: any) => unknown) | undefined;
  readonly sideOf: { node: LogicalNode; name: string } | undefined;
  readonly bounds: boolean;
  readonly recipe: (() => Recipe) | undefined;
  readonly spec: Readonly<Record<string, unknown>> | undefined;
  uid: string | undefined;

  constructor(init: NodeInit) {
    this.kind = init.kind;
    this.label = init.label;
    this.inputs = init.inputs;
    this.parallelism = init.parallelism;
    this.timestamps = init.timestamps;
    this.changelog = init.changelog;
    this.create = init.create;
    this.source = init.source;
    this.key = init.key;
    this.sideOf = init.sideOf;
    this.bounds = init.bounds ?? false;
    this.recipe = init.recipe;
    this.spec = init.spec;
  }

  /** Upstream nodes, side-output parents included. */
  get upstream(): LogicalNode[] {
    return this.sideOf ? [this.sideOf.node] : this.inputs;
  }
}

/** Every node a set of nodes depends on, in topological order (inputs before consumers). */
export function topologicalOrder(roots: LogicalNode[]): LogicalNode[] {
  const seen = new Set<LogicalNode>();
  const order: LogicalNode[] = [];
  const visit = (n: LogicalNode): void => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const u of n.upstream) visit(u);
    order.push(n);
  };
  for (const r of roots) visit(r);
  return order;
}

/** The first unbounded source a node reads from without a bound (take) in between, if any. */
export function unboundedSource(node: LogicalNode): LogicalNode | undefined {
  if (node.bounds) return undefined;
  if (node.kind === 'source') return node.source?.bounded ? undefined : node;
  for (const u of node.upstream) {
    const s = unboundedSource(u);
    if (s) return s;
  }
  return undefined;
}
