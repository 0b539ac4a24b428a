// PlaybackControls over env.replay (a ReplayController: play, pause, step(n), speed(x), and a state getter
// { status, position: { events, eventTime }, speed }), found at run time so that the REPL needs nothing
// from the replay code but its shape.
import type { PlaybackControls, PlaybackStatus } from './playback-controls.ts';

export interface ReplayLike {
  play(): unknown;
  pause(): unknown;
  step(n?: number): unknown;
  speed(x: number): unknown;
  readonly state: { status: string; position?: { events?: number; eventTime?: number | null }; speed: number };
}

export function isReplayLike(r: unknown): r is ReplayLike {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return ['play', 'pause', 'step', 'speed'].every((k) => typeof o[k] === 'function') && 'state' in o;
}

export class ReplayPlayback implements PlaybackControls {
  readonly clock = 'virtual' as const;

  constructor(private readonly replay: ReplayLike) {}

  get status(): PlaybackStatus {
    const s = this.replay.state.status;
    return s === 'playing' || s === 'running' ? 'running' : (['paused', 'finished', 'stopped', 'failed'].includes(s) ? s : 'idle') as PlaybackStatus;
  }

  get speed(): number {
    return this.replay.state.speed;
  }

  get position(): number | null {
    return this.replay.state.position?.eventTime ?? null;
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
    void this.replay.speed(x);
  }
}
