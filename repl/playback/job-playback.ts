// PlaybackControls over running jobs (JobHandle): pause and resume every job of the dashboard's environments
// together. Live jobs cannot step or change speed, so those are absent and the dashboard says so.
import type { JobHandle } from '../../runtime/index.ts';
import type { PlaybackControls, PlaybackStatus } from './playback-controls.ts';

export class JobPlayback implements PlaybackControls {
  readonly clock = 'wall' as const;

  /** `jobs` is asked again each time: jobs may start and end while the dashboard is open. */
  constructor(private readonly jobs: () => readonly JobHandle[]) {}

  get status(): PlaybackStatus {
    const statuses = this.jobs().map((j) => j.status);
    if (statuses.length === 0) return 'idle';
    if (statuses.includes('running')) return 'running';
    if (statuses.includes('paused')) return 'paused';
    return statuses.includes('failed') ? 'failed' : statuses.includes('stopped') ? 'stopped' : 'finished';
  }

  pause(): void {
    for (const j of this.jobs()) if (j.status === 'running') j.pause();
  }

  resume(): void {
    for (const j of this.jobs()) if (j.status === 'paused') j.resume();
  }
}
