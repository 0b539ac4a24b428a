// Shows the progress of long work while an input runs: if a bounded job is still running after `delayMs`,
// a progress line (progress-bar.ts) is redrawn in place every `intervalMs` on the terminal, and erased
// when the input ends. Only jobs started after the input began count (a live demo job is not "long work").
import { runningJobs, type RunningJob } from '../../runtime/session/job-registry.ts';
import { fractionOf, renderProgressBar } from './progress-bar.ts';

export interface ProgressReporterOptions {
  readonly write: (text: string) => void;
  readonly columns: () => number;
  readonly delayMs?: number;
  readonly intervalMs?: number;
}

export class ProgressReporter {
  private timer: NodeJS.Timeout | null = null;
  private shown = false;
  private since = 0;

  constructor(private readonly opts: ProgressReporterOptions) {}

  /** An input started running. */
  start(): void {
    this.stop();
    this.since = Date.now();
    const tick = (): void => this.draw();
    this.timer = setTimeout(() => {
      tick();
      this.timer = setInterval(tick, this.opts.intervalMs ?? 200);
    }, this.opts.delayMs ?? 400);
  }

  /** The input ended: erase the progress line. */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.shown) this.opts.write('\r\x1b[K');
    this.shown = false;
  }

  private draw(): void {
    const jobs = runningJobs().filter((j) => j.startedAt >= this.since && bounded(j));
    if (jobs.length === 0) return;
    const job = jobs[jobs.length - 1] as RunningJob;
    const line = renderProgressBar(
      { fraction: fractionOf(job.handle.sourceProgress), events: job.handle.metrics.eventsIn, elapsedMs: Date.now() - job.startedAt },
      this.opts.columns(),
    );
    this.opts.write('\r\x1b[K' + line.slice(0, Math.max(10, this.opts.columns() - 1)));
    this.shown = true;
  }
}

function bounded(j: RunningJob): boolean {
  const sources = j.handle.sourceProgress;
  return sources.length > 0 && sources.every((s) => s.total !== undefined);
}
