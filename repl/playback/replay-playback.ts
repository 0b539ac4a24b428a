// PlaybackControls over env.replay (the environment's ReplayController: play, pause, step(n), speed(x), and
// its state { status, position: { events, eventTime }, speed }).
import type { ReplayController } from '../../runtime/index.ts';
import type { PlaybackControls, PlaybackStatus } from './playback-controls.ts';

export class ReplayPlayback implements PlaybackControls {
  readonly clock = 'virtual' as const;

  constructor(private readonly replay: ReplayController) {}

  get status(): PlaybackStatus {
    const s = this.replay.state.status;
    return s === 'playing' ? 'running' : s;
  }

  get speed(): number {
    return this.replay.state.speed;
  }

  get position(): number | null {
    return this.replay.state.position.eventTime;
  }

  pause(): void {
    void this.replay.pause();
  }

  resume(): void {
    void this.replay.play();
  }

  async step(n = 1): Promise<void> {
    await this.replay.step(n);
  }

  setSpeed(x: number): void {
    this.replay.speed(x);
  }
}
