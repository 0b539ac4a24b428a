// A micro-batch: the unit that travels between operators. Rows move as plain arrays with optional parallel
// columns (event timestamps, the watermark in effect before each row, changelog kinds), so per-record work
// is a tight synchronous loop and no record ever costs an await.

export type RowKind = '+I' | '-U' | '+U' | '-D';

export interface Batch {
  /** The records. Never mutated by a receiver: several consumers may share one batch. */
  readonly rows: unknown[];
  /** Event timestamp of each row (ms), or null when the stream has no event time yet. */
  readonly ts: number[] | null;
  /** The watermark in effect just before each row, or null when it stayed at the channel's watermark. */
  readonly wm: number[] | null;
  /** Changelog kind of each row, or null when every row is an insert (+I). */
  readonly ops: RowKind[] | null;
  /** The channel's watermark after this batch. */
  readonly wmEnd: number;
  /** True when the sender is idle after this batch: receivers leave it out of the watermark minimum. */
  readonly idle: boolean;
}

export const NO_WATERMARK = -Infinity;
export const END_WATERMARK = Infinity;

export function batchOf(
  rows: unknown[],
  wmEnd: number,
  ts: number[] | null = null,
  wm: number[] | null = null,
  ops: RowKind[] | null = null,
  idle = false,
): Batch {
  return { rows, ts, wm, ops, wmEnd, idle };
}

/**
 * Collects one operator's output for one call, then ships it as a batch. Columns appear on first use; a
 * builder that is not `timed` (its stream has no event time) keeps no timestamp or watermark columns.
 */
export class BatchBuilder {
  rows: unknown[] = [];
  ts: number[] | null = null;
  wm: number[] | null = null;
  ops: RowKind[] | null = null;

  constructor(private readonly timed = true) {}

  /** Appends a row with its timestamp and the watermark that was current when it was produced. */
  add(row: unknown, ts: number, wm: number, op: RowKind): void {
    const n = this.rows.length;
    this.rows.push(row);
    if (this.timed) {
      (this.ts ??= fill(n, NaN)).push(ts);
      (this.wm ??= fill(n, NO_WATERMARK)).push(wm);
    }
    if (op !== '+I' || this.ops !== null) (this.ops ??= fill(n, '+I' as RowKind)).push(op);
  }

  get length(): number {
    return this.rows.length;
  }

  /** Returns the batch built so far and starts a new one. */
  take(wmEnd: number, idle = false): Batch {
    const b = batchOf(this.rows, wmEnd, this.ts, this.wm, this.ops, idle);
    this.rows = [];
    this.ts = null;
    this.wm = null;
    this.ops = null;
    return b;
  }
}

function fill<T>(n: number, v: T): T[] {
  const a: T[] = [];
  for (let i = 0; i < n; i++) a.push(v);
  return a;
}
