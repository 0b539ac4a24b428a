// The controls a dashboard gets: env.replay when an environment has one (the replay issue adds it), else the
// running jobs of the dashboard's environments.
import type { StreamEnvironment } from '../../runtime/index.ts';
import { jobsOf } from '../environments.ts';
import { JobPlayback } from './job-playback.ts';
import type { PlaybackControls } from './playback-controls.ts';
import { isReplayLike, ReplayPlayback } from './replay-playback.ts';

export function choosePlayback(envs: readonly StreamEnvironment[]): PlaybackControls {
  for (const env of envs) {
    const replay = 'replay' in env ? (env as { replay?: unknown }).replay : undefined;
    if (isReplayLike(replay)) return new ReplayPlayback(replay);
  }
  return new JobPlayback(() => jobsOf(envs).map((j) => j.handle));
}
