// take(n): the first n rows of a stream (parallelism 1, in arrival order), then the stream ends, which bounds
// an unbounded source for collect().
import { batchOf, END_WATERMARK, type Batch } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';

export class TakeOperator implements Operator {
  private remaining: number;
  private ended = false;

  constructor(
    n: number,
    private readonly out: Output,
  ) {
    this.remaining = n;
  }

  process(b: Batch): void {
    if (this.ended) return;
    const n = b.rows.length;
    if (n <= this.remaining) {
      this.remaining -= n;
      this.out.push(b);
    } else {
      const k = this.remaining;
      this.remaining = 0;
      const cut = <T>(a: T[] | null): T[] | null => (a === null ? null : a.slice(0, k));
      this.out.push(batchOf(b.rows.slice(0, k), b.wmEnd, cut(b.ts), cut(b.wm), cut(b.ops), b.idle));
    }
    if (this.remaining === 0) this.finish();
  }

  snapshotState(): { remaining: number; ended: boolean } {
    return { remaining: this.remaining, ended: this.ended };
  }

  restoreState(states: unknown[]): void {
    const s = states[0] as { remaining: number; ended: boolean } | undefined;
    if (s === undefined) return;
    this.remaining = s.remaining;
    if (s.ended) this.ended = true;
  }

  finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.out.push(batchOf([], END_WATERMARK));
    this.out.end();
  }
}
