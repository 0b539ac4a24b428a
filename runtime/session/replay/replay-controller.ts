// env.replay: plays, pauses, steps and seeks the job that replays an environment's recordings, for teaching.
// The controller runs the job itself, on its own virtual clock whose time is the recording's time (an event is
// due at its event time), and moves that clock from one due time to the next: as fast as possible at speed
// Infinity, or paced against the wall clock at `speed` event-time ms per wall ms. The recording sources release
// only what the replay budget admits (replay-budget.ts), so step(n) releases exactly n events and stepTo(t)
// stops before the first event later than t. While it plays or steps it keeps in-memory snapshots every
// `snapshotEvery` events; seek back restores the nearest earlier one into a fresh job and steps forward, so
// the views show what a fresh replay to that point shows.
import { RivuletError } from '../../errors/rivulet-error.ts';
import { VirtualClock } from '../../time/clock.ts';
import type { Job } from '../../exec/job.ts';
import type { JobHandle } from '../../api/job-handle.ts';
import type { StreamEnvironment } from '../../api/stream-environment.ts';
import { replayBudgetOf, type ReplayBudget } from '../../connectors/recording/replay-budget.ts';
import { viewsOf } from '../../views/view-registry.ts';
import { lineageOf } from '../../lineage/lineage-store.ts';
import { ReplaySnapshots, type ReplayMark } from './replay-snapshots.ts';

export type ReplayStatus = 'playing' | 'paused' | 'finished';

export interface ReplayState {
  readonly status: ReplayStatus;
  /** Events released from the recordings so far, and the latest event time among them (null before the first). */
  readonly position: { readonly events: number; readonly eventTime: number | null };
  /** Event-time ms per wall-clock ms; Infinity replays as fast as possible. */
  readonly speed: number;
}

interface Run {
  readonly handle: JobHandle;
  readonly job: Job;
  readonly clock: VirtualClock;
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const over = (job: Job): boolean => job.status === 'finished' || job.status === 'stopped' || job.status === 'failed';

export class ReplayController {
  private readonly budget: ReplayBudget;
  private run: Run | null = null;
  private speedValue: number | undefined;
  private playing = false;
  /** Bumped by every command: a drive loop of an older generation stops. */
  private generation = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly snapshots = new ReplaySnapshots();

  constructor(private readonly env: StreamEnvironment) {
    this.budget = replayBudgetOf(env);
  }

  /** Take an automatic snapshot every this many events (default 1000); seek back restores the nearest. */
  get snapshotEvery(): number {
    return this.snapshots.every;
  }

  set snapshotEvery(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RivuletError('BAD_ARGUMENT', { where: 'env.replay.snapshotEvery', name: 'the interval', expected: 'a positive whole number of events', got: n });
    this.snapshots.every = n;
  }

  /** How many automatic snapshots the replay holds now. */
  get automaticSnapshots(): number {
    return this.snapshots.size;
  }

  /** The job the controller runs now (replaced by a seek back), or null before the first play, step or seek. */
  get job(): JobHandle | null {
    return this.run?.handle ?? null;
  }

  get state(): ReplayState {
    const b = this.budget;
    const finished = this.run !== null && over(this.run.job);
    return {
      status: finished ? 'finished' : this.playing ? 'playing' : 'paused',
      position: { events: b.released, eventTime: Number.isFinite(b.eventTime) ? b.eventTime : null },
      speed: this.currentSpeed(),
    };
  }

  /** Plays from where the replay is (starting the job if needed) until it ends or is paused; resolves then. */
  play(): Promise<ReplayState> {
    const g = ++this.generation;
    return this.serial('play', async () => {
      if (g !== this.generation) return this.state;
      const run = this.ensureRun();
      if (over(run.job)) return this.state;
      this.release(Infinity, Infinity);
      this.playing = true;
      try {
        await this.drive(run, g, true);
      } finally {
        this.playing = false;
      }
      return this.hold(run);
    });
  }

  /** Stops playing; the views show the results so far. Resolves once the replay stands still. */
  pause(): Promise<ReplayState> {
    ++this.generation;
    return this.serial('pause', async () => this.state);
  }

  /** Releases exactly `n` more events (fewer at the end of the recording), then pauses. */
  step(n = 1): Promise<ReplayState> {
    if (!Number.isInteger(n) || n < 1) throw new RivuletError('BAD_ARGUMENT', { where: 'env.replay.step', name: 'n', expected: 'a positive whole number of events', got: n });
    const g = ++this.generation;
    return this.serial('step', async () => this.advance(g, n, Infinity));
  }

  /** Releases events in arrival order up to (not including) the first one later than `eventTime`, then pauses. */
  stepTo(eventTime: number): Promise<ReplayState> {
    checkTime('env.replay.stepTo', eventTime);
    const g = ++this.generation;
    return this.serial('stepTo', async () => this.advance(g, Infinity, eventTime));
  }

  /** Sets the speed (event-time ms per wall ms; Infinity = as fast as possible), also while playing. */
  speed(x: number): ReplayState {
    if (typeof x !== 'number' || !(x > 0)) {
      throw new RivuletError('BAD_ARGUMENT', { where: 'env.replay.speed', name: 'the speed', expected: 'a positive number (1 = as recorded, Infinity = as fast as possible)', got: x });
    }
    this.speedValue = x;
    for (const v of viewsOf(this.env)) void v.refresh();
    return this.state;
  }

  /**
   * Moves the replay to event time `eventTime`: to where a fresh replay stands after stepTo(eventTime). Forward
   * by replaying fast; backward by restoring the nearest earlier automatic snapshot and replaying from it.
   */
  seek(eventTime: number): Promise<ReplayState> {
    checkTime('env.replay.seek', eventTime);
    const g = ++this.generation;
    return this.serial('seek', async () => {
      const run = this.run;
      const forward = run !== null && this.budget.eventTime <= eventTime && !over(run.job);
      const finishedAhead = run !== null && over(run.job) && this.budget.eventTime <= eventTime;
      if (finishedAhead) return this.state;
      if (!forward) await this.restart(this.snapshots.before(eventTime));
      return this.advance(g, Infinity, eventTime);
    });
  }

  // ---- internals ------------------------------------------------------------------------------------------

  private currentSpeed(): number {
    return this.speedValue ?? this.budget.speeds[0] ?? 1;
  }

  private serial(what: string, f: () => Promise<ReplayState>): Promise<ReplayState> {
    if (this.budget.firstDue.length === 0) throw new RivuletError('REPLAY_NO_RECORDING', { what });
    const p = this.chain.then(f);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private release(events: number, untilTime: number): void {
    this.budget.remaining = events;
    this.budget.untilTime = untilTime;
  }

  private async advance(g: number, events: number, untilTime: number): Promise<ReplayState> {
    const run = this.ensureRun();
    if (over(run.job)) return this.state;
    this.release(events, untilTime);
    await this.drive(run, g, false);
    return this.hold(run);
  }

  /** Stops releasing events and pauses the job (its views then show the results so far). */
  private hold(run: Run): ReplayState {
    this.release(0, Infinity);
    if (!over(run.job)) run.job.pause();
    return this.state;
  }

  private ensureRun(): Run {
    if (this.run === null) {
      // A first start (the pipeline may have changed since an earlier run): earlier snapshots do not apply.
      this.snapshots.clear();
      this.run = this.start(null);
    }
    return this.run;
  }

  private async restart(from: ReplayMark | null): Promise<void> {
    const old = this.run;
    this.run = null;
    if (old !== null) {
      await old.job.stop();
      await old.handle.then(() => undefined, () => undefined);
    }
    this.run = this.start(from);
  }

  /** Starts a job on a fresh replay clock, at the start of the recordings or from an automatic snapshot. */
  private start(from: ReplayMark | null): Run {
    // Automatic snapshots and seeking need every operator's state on this thread.
    if (this.env.executor === 'threads') throw new RivuletError('THREADS_UNSUPPORTED', { what: 'env.replay' });
    const b = this.budget;
    b.released = from?.events ?? 0;
    b.eventTime = from?.eventTime ?? -Infinity;
    this.release(0, Infinity);
    const first = Math.min(...b.firstDue.map((f) => f()));
    const clock = new VirtualClock(from?.clock ?? (Number.isFinite(first) ? first : 0));
    b.active = true;
    let started: { handle: JobHandle; job: Job };
    try {
      started = this.env.startJob('replay', { clock, ...(from !== null ? { restore: from.snapshot } : {}) });
    } finally {
      b.active = false;
    }
    const { handle, job } = started;
    if (from !== null && from.lineage !== undefined) lineageOf(this.env)?.restore(from.lineage);
    handle.then(() => undefined, () => undefined);
    const metrics = job.settings.metrics;
    metrics.eventsIn = b.released;
    metrics.lateDropped = from?.lateDropped ?? 0;
    metrics.deadLetters = from?.deadLetters ?? 0;
    metrics.replay = () => ({ events: b.released, eventTime: Number.isFinite(b.eventTime) ? b.eventTime : null, speed: this.currentSpeed() });
    return { handle, job, clock };
  }

  /**
   * Moves the run's clock from one due time to the next and lets the job read, until nothing more is released
   * (the budget is spent, or the recordings are over) or a newer command starts. Paced: at the speed, against
   * the wall clock.
   */
  private async drive(run: Run, g: number, paced: boolean): Promise<void> {
    const { job, clock } = run;
    job.resume();
    job.wake();
    let speed = this.currentSpeed();
    let wallBase = performance.now();
    let clockBase = clock.now();
    while (g === this.generation && !over(job)) {
      this.snapshots.maybeTake(job, this.budget, clock, lineageOf(this.env));
      const due = job.nextDue();
      if (due === Infinity) {
        await tick();
        if (job.nextDue() === Infinity) break;
        continue;
      }
      if (due > clock.now()) {
        if (paced && Number.isFinite(this.currentSpeed())) {
          if (this.currentSpeed() !== speed) {
            speed = this.currentSpeed();
            wallBase = performance.now();
            clockBase = clock.now();
          }
          const wait = wallBase + (due - clockBase) / speed - performance.now();
          if (wait > 0) {
            await sleep(Math.min(wait, 100));
            continue;
          }
        }
        clock.set(due);
      } else {
        job.wake();
      }
      await tick();
    }
    // A failed job ends the replay (state: finished); its error is on env.replay.job.
  }
}

function checkTime(where: string, t: unknown): void {
  if (typeof t !== 'number' || Number.isNaN(t)) throw new RivuletError('BAD_ARGUMENT', { where, name: 'the event time', expected: 'a number (ms, like the recording\'s event times)', got: t });
}
