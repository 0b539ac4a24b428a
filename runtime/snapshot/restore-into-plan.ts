// Puts a snapshot's state into the instances of a freshly built plan, at any parallelism: each keyed entry and
// timer goes to the partition that owns its key now (whole key groups move together under Flink's scheme),
// each operator restores its own state from all its old instances', and sources get their offsets. A plan
// whose operators differ from the snapshot's is refused, naming the first operator that differs.
import { RivuletError } from '../errors/rivulet-error.ts';
import { createPartitioner, partitionOfKeyGroup } from '../exec/partitioning/index.ts';
import type { PhysicalPlan, Instance } from '../exec/physical-plan.ts';
import type { PartitionerKind } from '../exec/partitioning/index.ts';
import type { InstanceSnapshot, Snapshot } from './snapshot-model.ts';

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
  restoreTimers(old, target);
}

/**
 * Registers timers in their old firing order — time, then old partition, then rank — so that timers due at
 * the same time fire in the same order as before the snapshot. Each old instance's timers are put back in
 * rank order (ranks are dense), then the instances are merged by time.
 */
function restoreTimers(old: InstanceSnapshot[], target: (kg: number, key: unknown) => RestorableInstance): void {
  const lists = old.map(timersInRankOrder);
  const at = new Array<number>(lists.length).fill(0);
  for (;;) {
    let best = -1;
    let bestTime = Infinity;
    for (let f = 0; f < lists.length; f++) {
      const l = lists[f] as RankedTimers;
      const i = at[f] as number;
      if (i < l.time.length && (l.time[i] as number) < bestTime) {
        best = f;
        bestTime = l.time[i] as number;
      }
    }
    if (best < 0) return;
    const l = lists[best] as RankedTimers;
    const time = bestTime;
    let i = at[best] as number;
    for (; i < l.time.length && l.time[i] === time; i++) {
      const inst = target(l.kg[i] as number, l.key[i]);
      (l.kind[i] === 0 ? inst.eventTimers : inst.processingTimers).register(time, l.canonical[i], l.key[i]);
    }
    at[best] = i;
  }
}

interface RankedTimers {
  kg: number[];
  kind: number[];
  time: number[];
  canonical: unknown[];
  key: unknown[];
}

function timersInRankOrder(o: InstanceSnapshot): RankedTimers {
  let n = 0;
  for (const g of o.timers) n += g.time.length;
  const r: RankedTimers = { kg: new Array(n), kind: new Array(n), time: new Array(n), canonical: new Array(n), key: new Array(n) };
  for (const g of o.timers) {
    const originals = g.originals.length > 0 ? new Map(g.originals) : null;
    for (let i = 0; i < g.time.length; i++) {
      const k = g.rank[i] as number;
      const canonical = g.canonical[i];
      r.kg[k] = g.kg;
      r.kind[k] = g.kind[i] as number;
      r.time[k] = g.time[i] as number;
      r.canonical[k] = canonical;
      r.key[k] = originals !== null && originals.has(i) ? originals.get(i) : canonical;
    }
  }
  return r;
}
