// The interval join (Flink's IntervalJoinOperator): for each key, a left element at time lt joins every right
// element at time rt with lt + lower <= rt <= lt + upper. Each side is buffered per key in a state table, as a
// Map from timestamp to the elements at that time; an arriving element joins the other side's buffer and
// stays in its own until the watermark passes the last time a partner could still arrive, when an event-time
// timer removes it. A joined row's timestamp is max(lt, rt).
//
// An element is late when its timestamp is at or behind the watermark (Flink says strictly behind; see below)
// and goes to the "late" side output, tagged with its side, never silently lost. With "at or behind", every
// pair of elements that are not late is emitted exactly once: a buffered element is removed only once every
// partner it could still meet would be late.
import { BatchBuilder, END_WATERMARK, NO_WATERMARK, type Batch } from '../../exec/batch.ts';
import type { Operator, OperatorContext } from '../../exec/operator.ts';
import type { ValueStateTable } from '../../state/keyed-state-backend.ts';
import { canonicalKey } from '../../exec/partitioning/index.ts';
import type { Collector } from '../flat-map.ts';
import { userFunctionFailed } from '../user-function-error.ts';
import { keySelector } from '../specialised-loop.ts';
import { minWatermark } from '../restore-helpers.ts';
import { SideOutputs } from '../process/side-outputs.ts';
import { sideOutputName, type OutputTag } from '../process/output-tag.ts';
import type { Tagged } from './join-tag.ts';

export interface IntervalJoinContext<K = any> {
  readonly key: K;
  readonly leftTimestamp: number;
  readonly rightTimestamp: number;
  /** The joined row's timestamp: max(leftTimestamp, rightTimestamp). */
  readonly timestamp: number;
  /** Sends `value` to the side output `tag`. */
  output<X>(tag: OutputTag<X> | string, value: X): void;
}

/** Flink's ProcessJoinFunction, as a function or as an object with processElement. */
export type ProcessJoinFunction<L, R, O, K = any> =
  | ((left: L, right: R, ctx: IntervalJoinContext<K>, out: Collector<O>) => void)
  | { processElement(left: L, right: R, ctx: IntervalJoinContext<K>, out: Collector<O>): void };

export interface IntervalJoinSettings {
  /** The join key of a tagged element. */
  readonly key: (t: Tagged<unknown, unknown>) => unknown;
  /** Inclusive bounds (exclusive ones already moved by 1 ms). */
  readonly lower: number;
  readonly upper: number;
  readonly fn: ProcessJoinFunction<any, any, any>;
  readonly sideOutputs: Iterable<string>;
}

/** One side's buffer of one key: timestamp → elements at that time, in arrival order. */
type Buffer = Map<number, unknown[]>;

class JoinContext implements IntervalJoinContext<unknown> {
  key: unknown = undefined;
  leftTimestamp = NaN;
  rightTimestamp = NaN;
  timestamp = NaN;
  constructor(private readonly emit: (tag: unknown, value: unknown) => void) {}
  output<X>(tag: OutputTag<X> | string, value: X): void {
    this.emit(tag, value);
  }
}

export class IntervalJoinOperator implements Operator {
  private readonly left: ValueStateTable<Buffer>;
  private readonly right: ValueStateTable<Buffer>;
  private readonly out = new BatchBuilder(true);
  private readonly late = new BatchBuilder(true);
  private readonly sides: SideOutputs;
  private readonly context: JoinContext;
  private readonly collector: Collector<unknown>;
  private readonly call: (l: unknown, r: unknown, ctx: JoinContext, out: Collector<unknown>) => void;
  private current = NO_WATERMARK;
  /** The key selector with a call site of its own (see specialised-loop.ts). */
  private readonly keyOf: (row: unknown) => unknown;
  /** The timer callback, made once (no closure per watermark step). */
  private readonly onCleanup = (time: number, _key: unknown, c: unknown): void => this.cleanup(time, c);

  constructor(
    private readonly settings: IntervalJoinSettings,
    private readonly ctx: OperatorContext,
  ) {
    this.keyOf = keySelector(settings.key);
    this.left = ctx.state.valueState('left');
    this.right = ctx.state.valueState('right');
    this.sides = new SideOutputs(ctx, true, settings.sideOutputs);
    this.context = new JoinContext((tag, value) =>
      this.sides.add(sideOutputName('ctx.output', tag), value, this.context.timestamp, this.current),
    );
    this.collector = { collect: (row) => this.out.add(row, this.context.timestamp, this.current, '+I') };
    const fn = settings.fn;
    this.call = typeof fn === 'function' ? fn : (l, r, c, o) => fn.processElement(l, r, c, o);
  }

  process(b: Batch): void {
    const rows = b.rows;
    const n = rows.length;
    let i = 0;
    try {
      for (; i < n; i++) {
        if (b.wm !== null) {
          const w = b.wm[i] as number;
          if (w > this.current) this.advance(w);
        }
        this.element(rows[i] as Tagged<unknown, unknown>, b.ts === null ? NaN : (b.ts[i] as number));
      }
    } catch (e) {
      throw userFunctionFailed('intervalJoin', rows[i], e);
    }
    if (b.wmEnd > this.current) this.advance(b.wmEnd);
    this.flush(b.idle);
  }

  finish(): void {
    if (this.current < END_WATERMARK) this.advance(END_WATERMARK);
    this.flush(false);
    this.ctx.out.end();
    this.ctx.side('late').end();
    this.sides.end();
  }

  snapshotState(): { current: number } {
    return { current: this.current };
  }

  restoreState(states: unknown[]): void {
    this.current = minWatermark(states);
  }

  private element(t: Tagged<unknown, unknown>, ts: number): void {
    if (!(ts > this.current) || !Number.isFinite(ts)) {
      this.late.add(t, ts, this.current, '+I');
      this.ctx.metrics.lateDropped++;
      return;
    }
    const k = this.keyOf(t);
    const c = canonicalKey(k);
    const isLeft = t.side === 'left';
    const own = isLeft ? this.left : this.right;
    let buffer = own.get(c);
    if (buffer === undefined) {
      buffer = new Map();
      own.set(c, buffer);
      this.ctx.state.rememberKey(c, k);
    }
    const bucket = buffer.get(ts);
    if (bucket === undefined) buffer.set(ts, [t.row]);
    else bucket.push(t.row);

    const { lower, upper } = this.settings;
    const others = (isLeft ? this.right : this.left).get(c);
    if (others !== undefined) {
      for (const [ots, partners] of others) {
        const lt = isLeft ? ts : ots;
        const rt = isLeft ? ots : ts;
        if (rt < lt + lower || rt > lt + upper) continue;
        for (const p of partners) this.emit(k, isLeft ? t.row : p, isLeft ? p : t.row, lt, rt);
      }
    }
    // The last watermark at which a partner could still arrive (Flink's cleanup time for this side).
    const cleanup = isLeft ? (upper > 0 ? ts + upper : ts) : lower < 0 ? ts - lower : ts;
    this.ctx.eventTimers.register(cleanup, c, k);
  }

  private emit(key: unknown, l: unknown, r: unknown, lt: number, rt: number): void {
    const context = this.context;
    context.key = key;
    context.leftTimestamp = lt;
    context.rightTimestamp = rt;
    context.timestamp = Math.max(lt, rt);
    try {
      this.call(l, r, context, this.collector);
    } catch (e) {
      throw userFunctionFailed('intervalJoin', { left: l, right: r }, e);
    }
  }

  private advance(w: number): void {
    this.ctx.eventTimers.advance(w, this.onCleanup);
    this.current = w;
  }

  /** The cleanup timer at `time` of key `c`: removes the left and the right elements whose cleanup time it is. */
  private cleanup(time: number, c: unknown): void {
    const { lower, upper } = this.settings;
    drop(this.left, c, upper > 0 ? time - upper : time);
    drop(this.right, c, lower < 0 ? time + lower : time);
  }

  private flush(idle: boolean): void {
    this.ctx.side('late').push(this.late.take(this.current, idle));
    this.sides.flush(this.current, idle);
    this.ctx.out.push(this.out.take(this.current, idle));
  }
}

function drop(table: ValueStateTable<Buffer>, c: unknown, ts: number): void {
  const buffer = table.get(c);
  if (buffer === undefined || !buffer.delete(ts)) return;
  if (buffer.size === 0) table.delete(c);
}
