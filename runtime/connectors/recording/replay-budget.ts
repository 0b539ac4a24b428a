// What a replay controller (env.replay) tells the recording sources of its job: how many more events they may
// release (step(n)), the event time they may not go beyond (stepTo(t)), and what they have released so far
// (the replay position). One budget per environment, shared by its recording sources, so that step(n) counts
// events over all of them. Inactive (the default, and for jobs started by env.execute()), it costs the
// sources nothing: they pace on the environment's clock as before.
import type { StreamEnvironment } from '../../api/stream-environment.ts';
import { RecordedEvent } from './recording-format.ts';

export class ReplayBudget {
  /** Set by the controller for the jobs it runs: the sources then release only what the budget admits. */
  active = false;
  /** Events that may still be released. */
  remaining = Infinity;
  /** No event with a later event time is released (stepTo). */
  untilTime = Infinity;
  /** Events released since the start of the recording (dead letters count: they are lines of it). */
  released = 0;
  /** The latest event time released (-Infinity before the first). */
  eventTime = -Infinity;
  /** The speeds the recording sources were made with (the controller's first speed). */
  readonly speeds: number[] = [];
  /** The recordings the sources read, and where each one's first event is due under a controller. */
  readonly firstDue: (() => number)[] = [];

  /** Whether `item` (a RecordedEvent or a dead letter) may be released now. */
  admits(item: unknown): boolean {
    if (this.remaining <= 0) return false;
    return !(item instanceof RecordedEvent && item.t !== null && item.t > this.untilTime);
  }

  /** `item` was released. */
  take(item: unknown): void {
    this.remaining--;
    this.released++;
    if (item instanceof RecordedEvent && item.t !== null && item.t > this.eventTime) this.eventTime = item.t;
  }
}

const budgets = new WeakMap<StreamEnvironment, ReplayBudget>();

/** The replay budget of an environment's recording sources. */
export function replayBudgetOf(env: StreamEnvironment): ReplayBudget {
  let b = budgets.get(env);
  if (b === undefined) budgets.set(env, (b = new ReplayBudget()));
  return b;
}
