// Runs a paced job on a VirtualClock in steps, so that tests can stop it at a chosen virtual time, snapshot
// it, and restore it: results depend on virtual time only.
import { StreamEnvironment, VirtualClock, type EnvironmentOptions } from '../../runtime/index.ts';

/** Advances `clock` by `stepMs` until `job` settles or the clock reaches `until`. */
export async function driveUntil(clock: VirtualClock, job: PromiseLike<unknown>, until = Infinity, stepMs = 50): Promise<void> {
  let settled = false;
  Promise.resolve(job).then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled && clock.now() < until) {
    clock.advance(stepMs);
    await new Promise((r) => setImmediate(r));
  }
}

/** Builds a pipeline on `env` whose sinks push lines to `out`. */
export type BuildPipeline = (env: StreamEnvironment, out: string[]) => void;

/** Runs a paced pipeline to its end on a fresh VirtualClock at `parallelism`; returns what its sinks wrote. */
export async function runToEnd(build: BuildPipeline, parallelism: number, options: EnvironmentOptions = {}): Promise<string[]> {
  const out: string[] = [];
  const clock = new VirtualClock(0);
  const env = new StreamEnvironment({ ...options, parallelism, clock });
  build(env, out);
  const job = env.execute();
  await driveUntil(clock, job);
  await job;
  return out;
}

export interface Leg {
  readonly parallelism: number;
  /** Virtual time at which this leg is snapshotted and stopped (Infinity: run to the end). */
  readonly until: number;
}

/**
 * Runs a pipeline in legs: each leg restores the previous leg's snapshot at its own parallelism, runs until its
 * virtual time, snapshots into `snapshotDir()` and stops; the last leg runs to the end. Returns every line the
 * sinks wrote, and how many had been written when each leg stopped.
 */
export async function runInLegs(
  build: BuildPipeline,
  legs: readonly Leg[],
  snapshotDir: () => string,
  options: EnvironmentOptions = {},
): Promise<{ out: string[]; cuts: number[] }> {
  const out: string[] = [];
  const cuts: number[] = [];
  let previous: string | null = null;
  for (const [i, leg] of legs.entries()) {
    const clock = new VirtualClock(0);
    const env = new StreamEnvironment({ ...options, parallelism: leg.parallelism, clock });
    build(env, out);
    if (previous) await env.restore(previous);
    const job = env.execute();
    if (i === legs.length - 1) {
      await driveUntil(clock, job);
      await job;
      break;
    }
    await driveUntil(clock, job, leg.until);
    previous = snapshotDir();
    await env.snapshot(previous);
    await job.stop();
    cuts.push(out.length);
  }
  return { out, cuts };
}
