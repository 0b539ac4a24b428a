// CPU time per thread of this process (Linux /proc/self/task/*/stat), sampled while a run goes on: worker threads
// end with the job, so each thread's last sample stands for its total (up to one sampling interval short). The
// busiest thread's CPU time is the run's critical path, what its wall time would be on idle cores, which a shared
// machine's wall clock does not show.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function sample(into: Map<string, number>): void {
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
      into.set(tid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // The thread ended between listing and reading.
    }
  }
}

/** Starts sampling; the returned function stops and gives each thread's CPU ms during the run, busiest first. */
export function threadCpu(intervalMs = 20): () => number[] {
  const before = new Map<string, number>();
  sample(before);
  const last = new Map<string, number>();
  const timer = setInterval(() => sample(last), intervalMs);
  return () => {
    clearInterval(timer);
    sample(last);
    return [...last].map(([tid, ms]) => ms - (before.get(tid) ?? 0)).filter((ms) => ms > 0).sort((a, b) => b - a);
  };
}
