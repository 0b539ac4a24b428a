// Captures one operator instance's state at a checkpoint barrier, synchronously (so the job can go on at once):
// its keyed state grouped by key group, its timers, and its own operator state, serialized with V8's
// structured clone (a deep copy: later changes to the live state do not leak into the snapshot).
import { serialize } from 'node:v8';
import { RivuletError } from '../errors/rivulet-error.ts';
import { keyGroupOf } from '../exec/partitioning/index.ts';
import type { Instance } from '../exec/physical-plan.ts';
import type { TimerService } from '../time/timer-service.ts';
import type { InstanceSnapshot, KeyedEntry, TimerEntry } from './snapshot-model.ts';

export function isStateful(inst: Instance): boolean {
  return typeof inst.op.snapshotState === 'function';
}

/** The part of an instance a snapshot reads. */
export type CapturableInstance = Pick<Instance, 'op' | 'state' | 'eventTimers' | 'processingTimers'> & { node: { label: string } };

export function captureInstance(inst: CapturableInstance, checkpointId: number, maxParallelism: number): Buffer {
  const snapshot: InstanceSnapshot = {
    operatorState: inst.op.snapshotState?.(checkpointId),
    keyGroups: keyedEntries(inst, maxParallelism),
    timers: timerEntries(inst, maxParallelism),
  };
  try {
    return serialize(snapshot);
  } catch (e) {
    throw new RivuletError('SNAPSHOT_STATE', { operator: `"${inst.node.label}"`, message: (e as Error).message });
  }
}

function keyedEntries(inst: CapturableInstance, maxP: number): [number, KeyedEntry[]][] {
  const backend = inst.state;
  backend.flush();
  const groups = new Map<number, KeyedEntry[]>();
  for (const table of backend.tableNames) {
    for (const [canonical, value] of backend.valueState(table).entries()) {
      const key = backend.originalKey(canonical);
      push(groups, keyGroupOf(key, maxP), [table, canonical, key, value]);
    }
  }
  return sorted(groups);
}

function timerEntries(inst: CapturableInstance, maxP: number): [number, TimerEntry[]][] {
  const groups = new Map<number, TimerEntry[]>();
  let rank = 0;
  const add = (kind: 'e' | 'p', timers: TimerService): void => {
    for (const t of timers.entries()) push(groups, keyGroupOf(t.key, maxP), [kind, t.time, t.key, t.canonical, rank++]);
  };
  add('e', inst.eventTimers);
  add('p', inst.processingTimers);
  return sorted(groups);
}

function push<T>(groups: Map<number, T[]>, kg: number, entry: T): void {
  const list = groups.get(kg);
  if (list === undefined) groups.set(kg, [entry]);
  else list.push(entry);
}

function sorted<T>(groups: Map<number, T[]>): [number, T[]][] {
  return [...groups.entries()].sort((a, b) => a[0] - b[0]);
}
