// Which cell started each job, so that a stream failing after its cell finished shows its error in that
// cell (the kernel stays alive), and a failure while the cell still runs is reported with the cell unless
// the cell itself ended with that very error (it awaited the job).
import { onJobStarted } from '../runtime/session/job-registry.ts';
import { currentCell } from '../runtime/session/evaluate/index.ts';
import type { JobHandle } from '../runtime/api/job-handle.ts';

export class JobTracker {
  private readonly runningCells = new Set<string>();
  private readonly failedDuring = new Map<string, unknown[]>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    /** A job started by `cellId` failed after that cell finished. */
    private readonly onLateFailure: (cellId: string, error: unknown, job: JobHandle) => void,
  ) {}

  /** Starts following jobs as they start. */
  listen(): void {
    this.unsubscribe ??= onJobStarted((job) => this.started(job));
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  cellStarted(cellId: string): void {
    this.runningCells.add(cellId);
  }

  /** The cell ended (with `cellError`, if it failed): the failures of its jobs it did not report itself. */
  cellFinished(cellId: string, cellError: unknown): unknown[] {
    this.runningCells.delete(cellId);
    const failures = this.failedDuring.get(cellId) ?? [];
    this.failedDuring.delete(cellId);
    return failures.filter((f) => !related(f, cellError));
  }

  private started(job: JobHandle): void {
    const cellId = currentCell();
    if (cellId === undefined) return;
    job.then(undefined, (e: unknown) => {
      if (this.runningCells.has(cellId)) {
        const list = this.failedDuring.get(cellId) ?? [];
        list.push(e);
        this.failedDuring.set(cellId, list);
      } else {
        this.onLateFailure(cellId, e, job);
      }
    });
  }
}

/** Whether `a` is `b`, or one is a cause of the other. */
function related(a: unknown, b: unknown): boolean {
  return a === b || causes(a).includes(b) || causes(b).includes(a);
}

function causes(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let c = e instanceof Error ? e.cause : undefined; c !== undefined && out.length < 6; c = c instanceof Error ? c.cause : undefined) out.push(c);
  return out;
}
