// What Ctrl-C does at the prompt, in this order: if stream jobs are running, stop them (the line stays);
// else if something is typed (or an unfinished input is pending), clear it; else the first press on an
// empty line says how to leave and the second leaves.

export type InterruptAction = 'stop-streams' | 'clear-line' | 'warn-exit' | 'exit';

export class InterruptPolicy {
  private armed = false;

  /** Decides what this Ctrl-C does. */
  next(state: { runningJobs: number; lineEmpty: boolean }): InterruptAction {
    if (state.runningJobs > 0) {
      this.armed = false;
      return 'stop-streams';
    }
    if (!state.lineEmpty) {
      this.armed = false;
      return 'clear-line';
    }
    if (this.armed) return 'exit';
    this.armed = true;
    return 'warn-exit';
  }

  /** Any other key: the next Ctrl-C on an empty line warns again before leaving. */
  reset(): void {
    this.armed = false;
  }
}
