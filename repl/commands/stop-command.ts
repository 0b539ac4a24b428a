// .stop: stops every running (or paused) stream job; views keep their last rows.
import { runningJobs } from '../../runtime/session/running-jobs.ts';
import type { ReplCommand } from './command.ts';

/** Stops every running job; resolves with how many there were. */
export async function stopAllJobs(): Promise<number> {
  const jobs = runningJobs();
  await Promise.all(jobs.map((j) => j.handle.stop().catch(() => undefined)));
  return jobs.length;
}

export const stopCommand: ReplCommand = {
  name: 'stop',
  usage: '.stop',
  help: 'stop every running stream job (Ctrl-C does the same)',
  async run(session) {
    const n = await stopAllJobs();
    session.print(n === 0 ? 'No stream job is running.' : `Stopped ${n} stream ${n === 1 ? 'job' : 'jobs'}.`);
  },
};
