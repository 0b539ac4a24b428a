// Every job started in this process, with its environment, for front ends: the kernel and the REPL listen
// for jobs as they start (to know which cell started one, to show its failure there), stop them all on an
// interrupt, steer them from a dashboard and show the progress of a long run, whichever environment the
// user made them in. The environment announces each job here; nothing in the runtime depends on anyone
// listening. A job leaves the list when it ends.
import type { JobHandle } from '../api/job-handle.ts';
import type { StreamEnvironment } from '../api/stream-environment.ts';

export interface RunningJob {
  readonly env: StreamEnvironment;
  readonly handle: JobHandle;
  /** Wall time (ms) the job started. */
  readonly startedAt: number;
}

type JobListener = (handle: JobHandle) => void;

const listeners = new Set<JobListener>();
const running = new Set<RunningJob>();

/** Calls `listener` with every job started from now on (synchronously, in the starter's async context). */
export function onJobStarted(listener: JobListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @internal Called by StreamEnvironment when a job starts. */
export function announceJob(env: StreamEnvironment, handle: JobHandle): void {
  const entry: RunningJob = { env, handle, startedAt: Date.now() };
  running.add(entry);
  const forget = (): void => void running.delete(entry);
  handle.then(forget, forget);
  for (const l of listeners) {
    try {
      l(handle);
    } catch {
      // A front end's listener must never break a job's start.
    }
  }
}

/** The jobs created, running or paused now, oldest first. */
export function runningJobs(): RunningJob[] {
  return [...running].filter((j) => j.handle.status === 'running' || j.handle.status === 'paused' || j.handle.status === 'created');
}

/** Stops every running job of every environment (what an interrupt does); resolves with how many there were. */
export async function stopAllJobs(): Promise<number> {
  const jobs = runningJobs();
  await Promise.allSettled(jobs.map((j) => j.handle.stop()));
  return jobs.length;
}
