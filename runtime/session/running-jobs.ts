// Every job that is running (or paused) in this process, with its environment: what a front end needs to stop
// running streams on an interrupt, to steer them from a dashboard and to show the progress of a long run,
// whichever environment the user made them in. The environment registers each job as it starts; a job leaves
// the list when it ends.
import type { JobHandle } from '../api/job-handle.ts';
import type { StreamEnvironment } from '../api/stream-environment.ts';

export interface RunningJob {
  readonly env: StreamEnvironment;
  readonly handle: JobHandle;
  /** Wall time (ms) the job started. */
  readonly startedAt: number;
}

const running = new Set<RunningJob>();

/** @internal Called by the environment when a job starts. */
export function trackJob(env: StreamEnvironment, handle: JobHandle): void {
  const entry: RunningJob = { env, handle, startedAt: Date.now() };
  running.add(entry);
  const forget = (): void => void running.delete(entry);
  handle.then(forget, forget);
}

/** The jobs running or paused now, oldest first. */
export function runningJobs(): RunningJob[] {
  return [...running].filter((j) => j.handle.status === 'running' || j.handle.status === 'paused' || j.handle.status === 'created');
}
