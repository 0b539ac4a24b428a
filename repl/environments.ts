// Which environments, views and jobs the REPL's commands act on: the StreamEnvironments the user's names hold
// (the scope of the cell evaluator) and those with a running job, in that order, without repeats.
import { StreamEnvironment, RivuletError, type View } from '../runtime/index.ts';
import { runningJobs, type RunningJob } from '../runtime/session/job-registry.ts';

export function environmentsOf(scope: Record<string, unknown>): StreamEnvironment[] {
  const envs = new Set<StreamEnvironment>();
  const named = scope.env;
  if (named instanceof StreamEnvironment) envs.add(named);
  for (const v of Object.values(scope)) if (v instanceof StreamEnvironment) envs.add(v);
  for (const j of runningJobs()) envs.add(j.env);
  return [...envs];
}

export function viewsOf(scope: Record<string, unknown>): View<unknown>[] {
  return environmentsOf(scope).flatMap((e) => e.views().filter((v) => !v.retired));
}

/** The views with these names; throws UNKNOWN_VIEW naming the first one missing and the known names. */
export function viewsNamed(scope: Record<string, unknown>, names: readonly string[]): View<unknown>[] {
  const all = viewsOf(scope);
  return names.map((name) => {
    const v = [...all].reverse().find((x) => x.name === name);
    if (v === undefined) throw new RivuletError('UNKNOWN_VIEW', { name, known: all.map((x) => x.name) });
    return v;
  });
}

/** The environment a command means: `env` if the user has one, else the one running a job, else the only one. */
export function mainEnvironment(scope: Record<string, unknown>, what: string): StreamEnvironment {
  const named = scope.env;
  if (named instanceof StreamEnvironment) return named;
  const envs = environmentsOf(scope);
  const running = runningJobs().at(-1)?.env;
  if (running !== undefined) return running;
  if (envs.length === 1) return envs[0] as StreamEnvironment;
  throw new RivuletError('NO_ENVIRONMENT', { what, found: envs.length === 0 ? 'there is none' : `there are ${envs.length} and none is named env` });
}

/** Jobs running (or paused) in these environments. */
export function jobsOf(envs: readonly StreamEnvironment[]): RunningJob[] {
  return runningJobs().filter((j) => envs.includes(j.env));
}
