// The controls a dashboard gets: env.replay when it drives a replay job of one of the dashboard's
// environments (started by env.replay.play/step/seek), else the running jobs of those environments.
import type { StreamEnvironment } from '../../runtime/index.ts';
import { jobsOf } from '../environments.ts';
import { JobPlayback } from './job-playback.ts';
import type { PlaybackControls } from './playback-controls.ts';
import { ReplayPlayback } from './replay-playback.ts';

export function choosePlayback(envs: readonly StreamEnvironment[]): PlaybackControls {
  for (const env of envs) if (env.replay.job !== null) return new ReplayPlayback(env.replay);
  return new JobPlayback(() => jobsOf(envs).map((j) => j.handle));
}
