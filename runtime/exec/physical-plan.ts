// Turns the logical nodes a job needs into operator instances: one per partition, each behind an InputGate,
// wired by forward, hash (key-group) or global edges. keyBy nodes are not instances: they turn the edge into
// their consumer into a hash exchange.
import { topologicalOrder, type LogicalNode } from '../graph/node.ts';
import { parallelismOf, edgesInto, type Edge } from '../graph/edges.ts';
import { InputGate } from './input-gate.ts';
import { ForwardOutput, HashOutput, FanOutOutput, type Target, type GateLike } from './outputs.ts';
import { NULL_OUTPUT, type Operator, type OperatorContext, type Output } from './operator.ts';
import type { KeyedStateBackend, StateBackendFactory } from '../state/keyed-state-backend.ts';
import { operatorIds } from '../graph/operator-ids.ts';
import { createPartitioner, type PartitionerKind } from './partitioning/index.ts';
import type { Clock } from '../time/clock.ts';
import type { JobMetrics } from './job-metrics.ts';
import { TimerService } from '../time/timer-service.ts';
import { fuseMapsIntoSinks } from './fuse-map-sink.ts';

export interface PlanSettings {
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly partitioner: PartitionerKind;
  readonly clock: Clock;
  readonly metrics: JobMetrics;
  readonly write: (text: string) => void;
  readonly stateBackend: StateBackendFactory;
  readonly checkpointing: boolean;
  /** Which instances run on this thread (executor 'threads'); all of them when absent. */
  readonly placement?: Placement;
}

/**
 * Where instances run, for the worker-thread executor. Gates are numbered in plan order (node by node, partition
 * by partition) identically on every thread; an instance this thread does not own gets a stand-in gate.
 */
export interface Placement {
  owns(nodeIndex: number, partition: number): boolean;
  /** A stand-in for gate `gateId`, which lives on another thread. */
  remote(gateId: number, nodeIndex: number, partition: number): GateLike;
  /** Gate `gateId` lives on this thread: input from other threads goes to it. */
  local(gateId: number, gate: InputGate): void;
  /** Where instances of node `fromNodeIndex` deliver what they send to `gate` (a stand-in may drop it). */
  route?(fromNodeIndex: number, gate: GateLike): GateLike;
}

export interface Instance {
  readonly node: LogicalNode;
  /** The operator's stable id (uid or structural hash), what snapshots name its state by. */
  readonly id: string;
  readonly partition: number;
  readonly gate: InputGate;
  op: Operator;
  readonly state: KeyedStateBackend;
  readonly eventTimers: TimerService;
  readonly processingTimers: TimerService;
  /** Every output (main and side), where a checkpoint barrier goes once the instance has snapshotted. */
  readonly outputs: Output[];
}

export interface SourceInstance {
  readonly node: LogicalNode;
  readonly id: string;
  out: Output;
}

export interface PhysicalPlan {
  readonly sources: SourceInstance[];
  readonly instances: Instance[];
  readonly sinks: Instance[];
  readonly nodes: LogicalNode[];
}

export function buildPhysicalPlan(jobSinks: LogicalNode[], s: PlanSettings): PhysicalPlan {
  // Worker threads rebuild the plan node by node from recipes, so fusion happens on the single thread only.
  const sinks = s.placement === undefined ? fuseMapsIntoSinks(jobSinks) : jobSinks;
  const nodes = topologicalOrder(sinks).filter((n) => n.kind !== 'keyBy');
  const ids = operatorIds(topologicalOrder(sinks));
  const par = parallelismOf(nodes, s.parallelism);
  const edges = nodes.flatMap((n) => edgesInto(n, par));
  const gates = createGates(nodes, edges, par, s.placement);
  const outputs = wireOutputs(nodes, edges, par, gates, s);
  const sources: SourceInstance[] = [];
  const instances: Instance[] = [];
  for (const node of nodes) {
    const outs = outputs.get(node) as NodeOutputs[];
    if (node.kind === 'source') {
      if (s.placement && !s.placement.owns(nodes.indexOf(node), 0)) continue;
      sources.push({ node, id: ids.get(node) as string, out: (outs[0] as NodeOutputs).main });
      continue;
    }
    const nodeGates = gates.get(node) as GateLike[];
    for (let i = 0; i < nodeGates.length; i++) {
      const gate = nodeGates[i];
      if (!(gate instanceof InputGate)) continue;
      const id = ids.get(node) as string;
      const state = s.stateBackend(id, i);
      const o = outs[i] as NodeOutputs;
      const eventTimers = new TimerService();
      const processingTimers = new TimerService();
      const ctx: OperatorContext = {
        partition: i,
        parallelism: nodeGates.length,
        maxParallelism: s.maxParallelism,
        clock: s.clock,
        out: o.main,
        side: (name) => o.sides.get(name) ?? NULL_OUTPUT,
        state,
        eventTimers,
        processingTimers,
        metrics: s.metrics,
        write: s.write,
        checkpointing: s.checkpointing,
      };
      const created = (node.create as (c: OperatorContext) => Operator)(ctx);
      const op = node.kind === 'sink' ? countingSink(created, s.metrics) : created;
      gate.op = op;
      const outputs = [o.main, ...o.sides.values()];
      instances.push({ node, id, partition: i, gate, op, state, eventTimers, processingTimers, outputs });
    }
  }
  const sinkSet = new Set(sinks);
  return { sources, instances, sinks: instances.filter((i) => sinkSet.has(i.node)), nodes };
}

/** Which instances of `e.to` each instance of `e.from` sends to. */
function targetsOf(e: Edge, fromIndex: number, toPar: number): number[] {
  if (e.kind === 'hash') return Array.from({ length: toPar }, (_, j) => j);
  if (e.kind === 'global') return [0];
  return fromIndex < toPar ? [fromIndex] : [];
}

function createGates(nodes: LogicalNode[], edges: Edge[], par: Map<LogicalNode, number>, placement?: Placement): Map<LogicalNode, GateLike[]> {
  const counts = new Map<LogicalNode, number[]>();
  for (const n of nodes) counts.set(n, new Array<number>(par.get(n) as number).fill(0));
  for (const e of edges) {
    const c = counts.get(e.to) as number[];
    for (let i = 0; i < (par.get(e.from) as number); i++) {
      for (const j of targetsOf(e, i, c.length)) c[j] = (c[j] as number) + 1;
    }
  }
  const gates = new Map<LogicalNode, GateLike[]>();
  let gateId = 0;
  nodes.forEach((n, index) => {
    gates.set(
      n,
      (counts.get(n) as number[]).map((c, i) => {
        const id = gateId++;
        if (placement === undefined) return new InputGate(c);
        if (!placement.owns(index, i)) return placement.remote(id, index, i);
        const gate = new InputGate(c);
        placement.local(id, gate);
        return gate;
      }),
    );
  });
  return gates;
}

interface NodeOutputs {
  main: Output;
  sides: Map<string, Output>;
}

function wireOutputs(
  nodes: LogicalNode[],
  edges: Edge[],
  par: Map<LogicalNode, number>,
  gates: Map<LogicalNode, GateLike[]>,
  s: PlanSettings,
): Map<LogicalNode, NodeOutputs[]> {
  const nextChannel = new Map<GateLike, number>();
  const channel = (g: GateLike): number => {
    const c = nextChannel.get(g) ?? 0;
    nextChannel.set(g, c + 1);
    return c;
  };
  const main = new Map<LogicalNode, Output[][]>();
  const sides = new Map<LogicalNode, Map<string, Output[]>[]>();
  for (const n of nodes) {
    main.set(n, Array.from({ length: par.get(n) as number }, () => []));
    sides.set(n, Array.from({ length: par.get(n) as number }, () => new Map()));
  }
  for (const e of edges) {
    const toGates = gates.get(e.to) as GateLike[];
    const route = e.kind === 'hash' ? hashRoute(e, toGates.length, s) : null;
    const fromIndex = nodes.indexOf(e.from);
    for (let i = 0; i < (par.get(e.from) as number); i++) {
      const targets: Target[] = targetsOf(e, i, toGates.length).map((j) => {
        const gate = toGates[j] as GateLike;
        const c = channel(gate);
        return { gate: s.placement?.route?.(fromIndex, gate) ?? gate, channel: c };
      });
      if (targets.length === 0) continue;
      const out: Output = route ? new HashOutput(targets, route) : new ForwardOutput(targets[0] as Target);
      if (e.kind === 'side') {
        const m = (sides.get(e.from) as Map<string, Output[]>[])[i] as Map<string, Output[]>;
        m.set(e.side as string, [...(m.get(e.side as string) ?? []), out]);
      } else {
        ((main.get(e.from) as Output[][])[i] as Output[]).push(out);
      }
    }
  }
  const result = new Map<LogicalNode, NodeOutputs[]>();
  for (const n of nodes) {
    const mains = main.get(n) as Output[][];
    const sideMaps = sides.get(n) as Map<string, Output[]>[];
    result.set(
      n,
      mains.map((outs, i) => ({
        main: combine(outs),
        sides: new Map([...(sideMaps[i] as Map<string, Output[]>)].map(([k, v]) => [k, combine(v)])),
      })),
    );
  }
  return result;
}

function hashRoute(e: Edge, p: number, s: PlanSettings): (row: unknown) => number {
  const key = e.key as (row: unknown) => unknown;
  const partitioner = createPartitioner(s.partitioner, p, s.maxParallelism);
  return (row) => partitioner.partitionOf(key(row));
}

function combine(outs: Output[]): Output {
  if (outs.length === 0) return NULL_OUTPUT;
  if (outs.length === 1) return outs[0] as Output;
  return new FanOutOutput(outs);
}

/** A sink that also counts the rows it receives into the job's recordsOut. */
function countingSink(inner: Operator, metrics: JobMetrics): Operator {
  const counting: Operator = {
    process(b) {
      metrics.recordsOut += b.rows.length;
      inner.process(b);
    },
    finish: () => inner.finish(),
  };
  if (inner.snapshotState) counting.snapshotState = (id) => inner.snapshotState?.(id);
  if (inner.restoreState) counting.restoreState = (states) => inner.restoreState?.(states);
  if (inner.notifyCheckpointComplete) counting.notifyCheckpointComplete = (id) => inner.notifyCheckpointComplete?.(id);
  if (inner.onStop) counting.onStop = () => inner.onStop?.();
  if (inner.onProcessingTime) counting.onProcessingTime = (now) => inner.onProcessingTime?.(now);
  return counting;
}
