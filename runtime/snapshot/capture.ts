// Captures one operator instance's state at a checkpoint barrier, synchronously (so the job can go on at once):
// its keyed state grouped by key group, its timers, and its own operator state, encoded at once (a deep copy:
// later changes to the live state do not leak into the snapshot).
import { RivuletError } from '../errors/rivulet-error.ts';
import { keyGroupOf } from '../exec/partitioning/index.ts';
import type { Instance } from '../exec/physical-plan.ts';
import type { TimerService } from '../time/timer-service.ts';
import type { InstanceSnapshot, KeyGroupState, TimerList } from './snapshot-model.ts';
import { encodeInstance } from './instance-codec.ts';

export function isStateful(inst: Instance): boolean {
  return typeof inst.op.snapshotState === 'function';
}

/** The part of an instance a snapshot reads. */
export type CapturableInstance = Pick<Instance, 'op' | 'state' | 'eventTimers' | 'processingTimers'> & { node: { label: string } };

export function snapshotOf(inst: CapturableInstance, checkpointId: number, maxParallelism: number): InstanceSnapshot {
  const tables = inst.state.tableNames;
  return {
    operatorState: inst.op.snapshotState?.(checkpointId),
    tables,
    keyGroups: keyedState(inst, tables, maxParallelism),
    eventTimers: timerList(inst.eventTimers),
    processingTimers: timerList(inst.processingTimers),
  };
}

export function captureInstance(inst: CapturableInstance, checkpointId: number, maxParallelism: number): Buffer {
  try {
    return encodeInstance(snapshotOf(inst, checkpointId, maxParallelism));
  } catch (e) {
    throw new RivuletError('SNAPSHOT_STATE', { operator: `"${inst.node.label}"`, message: (e as Error).message });
  }
}

function keyedState(inst: CapturableInstance, tables: string[], maxP: number): KeyGroupState[] {
  const backend = inst.state;
  backend.flush();
  const groups: (KeyGroupState | undefined)[] = new Array(maxP);
  for (let t = 0; t < tables.length; t++) {
    for (const [canonical, value] of backend.valueState(tables[t] as string).entries()) {
      const key = backend.originalKey(canonical);
      const kg = keyGroupOf(key, maxP);
      const g = (groups[kg] ??= { kg, table: [], canonical: [], value: [], originals: [] });
      if (key !== canonical) g.originals.push([g.canonical.length, key]);
      g.table.push(t);
      g.canonical.push(canonical);
      g.value.push(value);
    }
  }
  return groups.filter((g): g is KeyGroupState => g !== undefined);
}

function timerList(service: TimerService): TimerList {
  const list: TimerList = { runs: [], canonical: [], originals: [] };
  let last = NaN;
  service.forEachTimer((time, canonical, key) => {
    if (time === last) list.runs[list.runs.length - 1] = (list.runs[list.runs.length - 1] as number) + 1;
    else {
      list.runs.push(time, 1);
      last = time;
    }
    if (key !== canonical) list.originals.push([list.canonical.length, key]);
    list.canonical.push(canonical);
  });
  return list;
}
