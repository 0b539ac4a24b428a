// withWatermarks: stamps each row with its event time and computes Flink's bounded-out-of-orderness
// watermark (maxTimestampSeen - maxOutOfOrderness - 1) after every row, so lateness never depends on batch
// boundaries. With an idle timeout, a source that sends nothing for that long (processing time) is marked
// idle and left out of downstream watermark minimums until it sends again. End of input emits the final
// watermark (+Infinity), which fires every remaining window.
import { batchOf, END_WATERMARK, NO_WATERMARK, type Batch } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import type { Clock } from '../time/clock.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { timestampLoop, type TimestampLoop } from './specialised-loop.ts';

export interface WatermarkStrategy {
  readonly timestamp: (row: any) => number | Date;
  readonly maxOutOfOrderness: number;
  readonly idleTimeout: number | undefined;
}

interface AssignerState {
  maxTs: number;
  current: number;
}

export class WatermarkAssigner implements Operator {
  /** Read and advanced by the timestamp loop (a TimestampProgress). */
  maxTs = -Infinity;
  current = NO_WATERMARK;
  private lastActive: number;
  private idle = false;
  /** This instance's own loop, so V8 can inline the timestamp function into it (see specialised-loop.ts). */
  private readonly loop: TimestampLoop;

  constructor(
    private readonly strategy: WatermarkStrategy,
    private readonly out: Output,
    private readonly clock: Clock,
    private readonly partition = 0,
    private readonly parallelism = 1,
  ) {
    this.lastActive = clock.now();
    this.loop = timestampLoop(strategy.timestamp, strategy.maxOutOfOrderness + 1, toTimestamp);
  }

  /** The watermark it last emitted. */
  get watermark(): number {
    return this.current;
  }

  /** The largest event time it has seen. */
  get maxTimestamp(): number {
    return this.maxTs;
  }

  process(b: Batch): void {
    const rows = b.rows;
    const n = rows.length;
    if (n === 0) return;
    const [ts, wm] = this.loop(rows, this);
    const current = this.current;
    if (this.strategy.idleTimeout !== undefined) this.lastActive = this.clock.now();
    this.idle = false;
    this.out.push(batchOf(rows, current, ts, wm, b.ops, false));
  }

  onProcessingTime(now: number): void {
    const timeout = this.strategy.idleTimeout;
    if (timeout === undefined || this.idle || now - this.lastActive < timeout) return;
    this.idle = true;
    this.out.push(batchOf([], this.current, null, null, null, true));
  }

  snapshotState(): AssignerState {
    return { maxTs: this.maxTs, current: this.current };
  }

  /** Same parallelism: each instance gets its own state back; otherwise the most conservative of all. */
  restoreState(states: unknown[]): void {
    const own = states.length === this.parallelism ? (states[this.partition] as AssignerState | undefined) : undefined;
    const all = own ? [own] : (states as AssignerState[]);
    this.maxTs = Math.min(...all.map((s) => s.maxTs));
    this.current = Math.min(...all.map((s) => s.current));
  }

  finish(): void {
    this.current = END_WATERMARK;
    this.out.push(batchOf([], END_WATERMARK));
    this.out.end();
  }
}

function toTimestamp(t: unknown, record: unknown): number {
  if (t instanceof Date && Number.isFinite(t.getTime())) return t.getTime();
  throw new RivuletError('BAD_TIMESTAMP', { got: t, record });
}
