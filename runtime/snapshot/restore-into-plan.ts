// Puts a snapshot's state into the instances of a freshly built plan, at any parallelism: each keyed entry and
// timer goes to the partition that owns its key now (whole key groups move together under Flink's scheme),
// each operator restores its own state from all its old instances', and sources get their offsets. A plan
// whose operators differ from the snapshot's is refused, naming the first operator that differs.
import { RivuletError } from '../errors/rivulet-error.ts';
import { createPartitioner, keyGroupOf, partitionOfKeyGroup } from '../exec/partitioning/index.ts';
import type { TimerService } from '../time/timer-service.ts';
import type { PhysicalPlan, Instance } from '../exec/physical-plan.ts';
import type { PartitionerKind } from '../exec/partitioning/index.ts';
import type { InstanceSnapshot, Snapshot, TimerList } from './snapshot-model.ts';

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
  for (const [id, old] of snapshot.instances) restoreInstances(old, plan.instances.filter((i) => i.id === id), s);
  return new Map(Object.entries(m.sources));
}

function mismatch(snapshot: Snapshot, problem: string, hint?: string): RivuletError {
  return new RivuletError('SNAPSHOT_MISMATCH', { dir: snapshot.dir, problem, ...(hint ? { hint } : {}) });
}

/**
 * Every part of the snapshot that holds something (operator state, source offsets) must find its operator in
 * the plan, by id; otherwise it would be lost silently, so the restore is refused, naming the operator the
 * state belonged to and the first operator of the plan that is not in the snapshot (what likely replaced it).
 * Operators that are new and not in the snapshot start empty, as in Flink.
 */
function checkShape(plan: PhysicalPlan, snapshot: Snapshot): void {
  const present = new Set([...plan.sources.map((x) => x.id), ...plan.instances.map((x) => x.id)]);
  const known = new Set(snapshot.manifest.operators.map((o) => o.id));
  for (const op of snapshot.manifest.operators) {
    const holds = op.stateful || op.kind === 'source';
    if (!holds || present.has(op.id)) continue;
    const replaced = firstNewOperator(plan, known);
    const differs = replaced ? ` Operator "${replaced.label}" (id ${replaced.id}) is not in the snapshot: it is new, or it or something upstream of it changed.` : '';
    throw mismatch(snapshot, `the snapshot holds the state of "${op.label}" (id ${op.id}), which this pipeline does not have.${differs}`);
  }
}

function firstNewOperator(plan: PhysicalPlan, known: Set<string>): { label: string; id: string } | undefined {
  const all = [...plan.sources, ...plan.instances];
  for (const node of plan.nodes) {
    const x = all.find((i) => i.node === node);
    if (x !== undefined && node.kind !== 'sink' && !known.has(x.id)) return { label: node.label, id: x.id };
  }
  return undefined;
}

/** The part of an instance a restore writes into. */
export type RestorableInstance = Pick<Instance, 'op' | 'state' | 'eventTimers' | 'processingTimers'>;

/** Restores the old instances' snapshots of one operator into its new instances (in partition order). */
export function restoreInstances(old: InstanceSnapshot[], now: RestorableInstance[], s: RestoreSettings): void {
  if (now.length === 0 || !now.every((i) => typeof i.op.snapshotState === 'function')) return;
  for (const inst of now) inst.op.restoreState?.(old.map((o) => o.operatorState));
  const p = now.length;
  const ring = s.partitioner === 'key-groups' || p === 1 ? null : createPartitioner(s.partitioner, p, s.maxParallelism);
  const target = (kg: number, key: unknown): RestorableInstance => {
    const i = p === 1 ? 0 : ring === null ? partitionOfKeyGroup(kg, p, s.maxParallelism) : ring.partitionOf(key);
    return now[i] as RestorableInstance;
  };
  for (const o of old) {
    for (const g of o.keyGroups) {
      const originals = new Map(g.originals);
      for (let i = 0; i < g.canonical.length; i++) {
        const canonical = g.canonical[i];
        const key = originals.has(i) ? originals.get(i) : canonical;
        const inst = target(g.kg, key);
        inst.state.rememberKey(canonical, key);
        inst.state.valueState(o.tables[g.table[i] as number] as string).set(canonical, g.value[i]);
      }
    }
  }
  const targetOfKey = (key: unknown): RestorableInstance => target(p === 1 ? 0 : keyGroupOf(key, s.maxParallelism), key);
  restoreTimers(old.map((o) => o.eventTimers), (inst) => inst.eventTimers, targetOfKey);
  restoreTimers(old.map((o) => o.processingTimers), (inst) => inst.processingTimers, targetOfKey);
}

/**
 * Registers one timer service's timers in their old firing order — time, then old partition, then their order
 * within it — so that timers due at the same time fire in the same order as before the snapshot.
 */
function restoreTimers(
  lists: TimerList[],
  service: (inst: RestorableInstance) => TimerService,
  target: (key: unknown) => RestorableInstance,
): void {
  const run = new Array<number>(lists.length).fill(0);
  const at = new Array<number>(lists.length).fill(0);
  const originals = lists.map((l) => (l.originals.length > 0 ? new Map(l.originals) : null));
  for (;;) {
    let best = -1;
    let bestTime = Infinity;
    for (let f = 0; f < lists.length; f++) {
      const r = run[f] as number;
      const l = lists[f] as TimerList;
      if (r < l.runs.length && (l.runs[r] as number) < bestTime) {
        best = f;
        bestTime = l.runs[r] as number;
      }
    }
    if (best < 0) return;
    const l = lists[best] as TimerList;
    const o = originals[best];
    const count = l.runs[(run[best] as number) + 1] as number;
    let i = at[best] as number;
    for (const end = i + count; i < end; i++) {
      const canonical = l.canonical[i];
      const key = o != null && o.has(i) ? o.get(i) : canonical;
      service(target(key)).register(bestTime, canonical, key);
    }
    at[best] = i;
    run[best] = (run[best] as number) + 2;
  }
}
