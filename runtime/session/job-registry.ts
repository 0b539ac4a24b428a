// Every job started in this process, for front ends: the kernel and the REPL listen for jobs as they start
// (to know which cell started one, to show its failure there) and stop them all on an interrupt. The
// environment announces each job here; nothing in the runtime depends on anyone listening.
import type { JobHandle } from '../api/job-handle.ts';

type JobListener = (handle: JobHandle) => void;

const listeners = new Set<JobListener>();
const running = new Set<JobHandle>();

/** Calls `listener` with every job started from now on (synchronously, in the starter's async context). */
export function onJobStarted(listener: JobListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @internal Called by StreamEnvironment when a job starts. */
export function announceJob(handle: JobHandle): void {
  running.add(handle);
  const forget = (): void => void running.delete(handle);
  handle.then(forget, forget);
  for (const l of listeners) {
    try {
      l(handle);
    } catch {
      // A front end's listener must never break a job's start.
    }
  }
}

/** The jobs started in this process that have not ended yet. */
export function runningJobs(): JobHandle[] {
  return [...running];
}

/** Stops every running job of every environment (what an interrupt does); resolves once all have ended. */
export async function stopAllJobs(): Promise<void> {
  await Promise.allSettled(runningJobs().map((j) => j.stop()));
}
