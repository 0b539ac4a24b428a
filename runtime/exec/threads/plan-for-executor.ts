// Where the environment picks its executor: 'single' builds the whole plan on this thread; 'threads' (with
// parallelism > 1) places the keyed part on worker threads, after refusing what it cannot do yet.
import type { LogicalNode } from '../../graph/node.ts';
import { buildPhysicalPlan, type PhysicalPlan, type PlanSettings } from '../physical-plan.ts';
import type { RemoteInstances } from '../remote-instances.ts';
import { RivuletError } from '../../errors/rivulet-error.ts';
import { ThreadExecutor } from './thread-executor.ts';

export type ExecutorKind = 'single' | 'threads';
export const EXECUTOR_KINDS: readonly ExecutorKind[] = ['single', 'threads'];

export interface ExecutorRequest {
  readonly executor: ExecutorKind;
  readonly restoring: boolean;
  readonly diskState: boolean;
  /** Rows per source read (the job's batch size), for sources the workers read themselves. */
  readonly batchSize?: number;
}

export function planForExecutor(sinks: LogicalNode[], s: PlanSettings, r: ExecutorRequest): { plan: PhysicalPlan; remote?: RemoteInstances } {
  if (r.executor === 'single' || s.parallelism < 2) return { plan: buildPhysicalPlan(sinks, s) };
  if (s.checkpointing) throw new RivuletError('THREADS_UNSUPPORTED', { what: 'Checkpointing (enableCheckpointing)' });
  if (r.restoring) throw new RivuletError('THREADS_UNSUPPORTED', { what: 'Restoring from a snapshot' });
  if (r.diskState) throw new RivuletError('THREADS_UNSUPPORTED', { what: 'The disk state backend' });
  const executor = new ThreadExecutor(sinks, s, { batchSize: r.batchSize ?? 1024 });
  return { plan: executor.plan, remote: executor };
}
