// What the dashboard's keys steer: space pauses and resumes, → steps, + and − change the speed. The dashboard
// codes against this small interface; job-playback.ts adapts running jobs (pause and resume only) and
// replay-playback.ts adapts env.replay (step and speed too) when the environment has one.

export type PlaybackStatus = 'running' | 'paused' | 'finished' | 'stopped' | 'failed' | 'idle';

export interface PlaybackControls {
  readonly status: PlaybackStatus;
  /** 'wall' for live sources, 'virtual' when a replay drives the clock. */
  readonly clock: 'wall' | 'virtual';
  pause(): void;
  resume(): void;
  /** Advances one event (or one batch) while paused; absent when stepping is not possible. */
  step?(n?: number): Promise<void>;
  /** Sets the replay speed (1 = as recorded); absent when the speed cannot change. */
  setSpeed?(x: number): void;
  readonly speed?: number;
  /** Where a replay is, in event time (ms), if it knows. */
  readonly position?: number | null;
}

/** The speeds + and − move through. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32] as const;

export function nextSpeed(current: number, direction: 1 | -1): number {
  let closest = 0;
  SPEEDS.forEach((s, i) => {
    if (Math.abs(Math.log(s / current)) < Math.abs(Math.log((SPEEDS[closest] as number) / current))) closest = i;
  });
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, closest + direction))] as number;
}
