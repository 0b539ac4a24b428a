// .stop: stops every running (or paused) stream job; views keep their last rows.
import { stopAllJobs } from '../../runtime/session/job-registry.ts';
import type { ReplCommand } from './command.ts';

export { stopAllJobs };

export const stopCommand: ReplCommand = {
  name: 'stop',
  usage: '.stop',
  help: 'stop every running stream job (Ctrl-C does the same)',
  async run(session) {
    const n = await stopAllJobs();
    session.print(n === 0 ? 'No stream job is running.' : `Stopped ${n} stream ${n === 1 ? 'job' : 'jobs'}.`);
  },
};
