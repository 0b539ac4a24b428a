// The controls a dashboard gets: env.replay when it drives a replay job of one of the dashboard's
// environments (started by env.replay.play/step/seek), else the running jobs of those environments.
import type { StreamEnvironment } from '../../runtime/index.ts';
import { jobsOf } from '../environments.ts';
import { JobPlayback } from './job-playback.ts';
import type { PlaybackControls } from './playback-controls.ts';
import { isReplayLike, ReplayPlayback } from './replay-playback.ts';

export function choosePlayback(envs: readonly StreamEnvironment[]): PlaybackControls {
  for (const env of envs) {
    const replay = 'replay' in env ? (env as { replay?: unknown }).replay : undefined;
    if (isReplayLike(replay) && drivesAJob(replay)) return new ReplayPlayback(replay);
  }
  return new JobPlayback(() => jobsOf(envs).map((j) => j.handle));
}

function drivesAJob(replay: object): boolean {
  const job = (replay as { job?: unknown }).job;
  return job !== null && job !== undefined;
}
