// Puts a snapshot's state into the instances of a freshly built plan, at any parallelism: each keyed entry and
// timer goes to the partition that owns its key now (whole key groups move together under Flink's scheme),
// each operator restores its own state from all its old instances', and sources get their offsets. A plan
// whose operators differ from the snapshot's is refused, naming the first operator that differs.
import { RivuletError } from '../errors/rivulet-error.ts';
import { createPartitioner, partitionOfKeyGroup } from '../exec/partitioning/index.ts';
import type { PhysicalPlan, Instance } from '../exec/physical-plan.ts';
import type { PartitionerKind } from '../exec/partitioning/index.ts';
import type { InstanceSnapshot, Snapshot } from './snapshot-model.ts';
import { isStateful } from './capture.ts';

export interface RestoreSettings {
  readonly maxParallelism: number;
  readonly partitioner: PartitionerKind;
}

/** Restores `snapshot` into `plan`; returns each source's offset by operator id. */
export function restoreIntoPlan(plan: PhysicalPlan, snapshot: Snapshot, s: RestoreSettings): Map<string, number> {
  const m = snapshot.manifest;
  if (m.maxParallelism !== s.maxParallelism) {
    throw mismatch(snapshot, `it was taken with maxParallelism ${m.maxParallelism}, this environment has ${s.maxParallelism}.`, 'Key groups cannot be remapped: use the same maxParallelism (any parallelism up to it works).');
  }
  checkShape(plan, snapshot);
  for (const [id, old] of snapshot.instances) restoreOperator(id, old, plan.instances.filter((i) => i.id === id), snapshot, s);
  return new Map(Object.entries(m.sources));
}

function mismatch(snapshot: Snapshot, problem: string, hint?: string): RivuletError {
  return new RivuletError('SNAPSHOT_MISMATCH', { dir: snapshot.dir, problem, ...(hint ? { hint } : {}) });
}

function checkShape(plan: PhysicalPlan, snapshot: Snapshot): void {
  const known = new Set(snapshot.manifest.operators.map((o) => o.id));
  const ids = new Map<string, string>();
  for (const src of plan.sources) ids.set(src.id, src.node.label);
  for (const inst of plan.instances) if (inst.node.kind !== 'sink') ids.set(inst.id, inst.node.label);
  for (const node of plan.nodes) {
    const id = [...plan.sources, ...plan.instances].find((x) => x.node === node)?.id;
    if (id === undefined || node.kind === 'sink' || known.has(id)) continue;
    throw mismatch(snapshot, `operator "${node.label}" (id ${id}) is not in the snapshot: it is new, or it or something upstream of it changed.`);
  }
  const present = new Set([...plan.sources.map((x) => x.id), ...plan.instances.map((x) => x.id)]);
  for (const op of snapshot.manifest.operators) {
    if (op.stateful && !present.has(op.id)) {
      throw mismatch(snapshot, `the snapshot holds state of operator "${op.label}" (id ${op.id}), which this pipeline does not have.`);
    }
  }
}

function restoreOperator(id: string, old: InstanceSnapshot[], now: Instance[], snapshot: Snapshot, s: RestoreSettings): void {
  if (now.length === 0 || !now.every(isStateful)) return;
  for (const inst of now) inst.op.restoreState?.(old.map((o) => o.operatorState));
  const p = now.length;
  const ring = s.partitioner === 'key-groups' || p === 1 ? null : createPartitioner(s.partitioner, p, s.maxParallelism);
  const target = (kg: number, key: unknown): Instance => {
    const i = p === 1 ? 0 : ring === null ? partitionOfKeyGroup(kg, p, s.maxParallelism) : ring.partitionOf(key);
    return now[i] as Instance;
  };
  for (const o of old) {
    for (const [kg, entries] of o.keyGroups) {
      for (const [table, canonical, key, value] of entries) {
        const inst = target(kg, key);
        inst.state.rememberKey(canonical, key);
        inst.state.valueState(table).set(canonical, value);
      }
    }
    for (const [kg, timers] of o.timers) {
      for (const [kind, time, key, canonical] of timers) {
        const inst = target(kg, key);
        (kind === 'e' ? inst.eventTimers : inst.processingTimers).register(time, canonical, key);
      }
    }
  }
  void id;
  void snapshot;
}
