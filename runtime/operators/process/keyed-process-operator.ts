// The keyed process operator (Flink's KeyedProcessOperator): calls the user's processElement for each element
// with its key in scope, and onTimer for each timer that comes due, event-time timers as the watermark
// passes them, processing-time timers as the clock does. Output is append-only (+I): a row emitted by
// processElement carries the element's timestamp, one emitted by an event-time timer the timer's time, one
// emitted by a processing-time timer no event time (NaN, as Flink erases it). Every row carries the watermark
// in effect before it. State lives in the partition's state tables (ctx.state), timers in its timer
// services; the operator itself snapshots only its watermark.
import { BatchBuilder, END_WATERMARK, NO_WATERMARK, type Batch } from '../../exec/batch.ts';
import type { Operator, OperatorContext } from '../../exec/operator.ts';
import { canonicalKey } from '../../exec/partitioning/index.ts';
import type { TimeDomain } from '../../time/windows/window-assigner.ts';
import type { Collector } from '../flat-map.ts';
import { userFunctionFailed } from '../user-function-error.ts';
import { keySelector } from '../specialised-loop.ts';
import { minWatermark } from '../restore-helpers.ts';
import { KeyScope } from './key-scope.ts';
import { StateStore } from './state-store.ts';
import { TimerAccess } from './timer-context.ts';
import { SideOutputs } from './side-outputs.ts';
import { sideOutputName, type OutputTag } from './output-tag.ts';
import {
  instanceOf,
  type KeyedProcessFunction,
  type OnTimerContext,
  type ProcessFunctionLike,
  type TimerContext,
} from './process-function.ts';

export interface ProcessSettings {
  readonly key: (row: any) => unknown;
  readonly fn: ProcessFunctionLike<any, any, any>;
  /** The input has event timestamps (the output then has them too). */
  readonly timed: boolean;
  /** Side outputs the plan reads (their names as sideOutputName gives them). */
  readonly sideOutputs: Iterable<string>;
}

/** The one context object handed to processElement and onTimer (its fields change with every call). */
class ProcessContext implements OnTimerContext<unknown> {
  key: unknown = undefined;
  timestamp = NaN;
  timeDomain: TimeDomain = 'event';
  currentWatermark = NO_WATERMARK;
  currentProcessingTime = 0;

  constructor(
    readonly state: StateStore,
    readonly timers: TimerContext,
    private readonly emit: (tag: unknown, value: unknown) => void,
  ) {}

  timerService(): TimerContext {
    return this.timers;
  }

  output<X>(tag: OutputTag<X> | string, value: X): void {
    this.emit(tag, value);
  }
}

export class KeyedProcessOperator implements Operator {
  private readonly scope: KeyScope;
  private readonly store: StateStore;
  private readonly fn: KeyedProcessFunction<unknown, unknown, unknown>;
  private readonly context: ProcessContext;
  private readonly out: BatchBuilder;
  private readonly sides: SideOutputs;
  private readonly collector: Collector<unknown>;
  private current = NO_WATERMARK;
  /** The watermark being advanced to while event-time timers fire (what ctx.currentWatermark shows then). */
  private firing = NO_WATERMARK;
  /** Event time of what is emitted now: the element's, the event timer's, or NaN (none). */
  private emitTs = NaN;
  private opened = false;
  /** The key selector with a call site of its own (see specialised-loop.ts). */
  private readonly keyOf: (row: unknown) => unknown;
  /** Timer callbacks made once (the watermark advances at almost every row: no closure per step). */
  private readonly onEventTimer = (time: number, key: unknown, c: unknown): void => this.onTimer('event', time, key, c);
  private readonly onProcessingTimer = (time: number, key: unknown, c: unknown): void => this.onTimer('processing', time, key, c);

  constructor(
    private readonly settings: ProcessSettings,
    private readonly ctx: OperatorContext,
  ) {
    this.keyOf = keySelector(settings.key);
    this.scope = new KeyScope(ctx.state);
    this.store = new StateStore(ctx.state, this.scope);
    this.fn = instanceOf(settings.fn);
    this.out = new BatchBuilder(settings.timed);
    this.sides = new SideOutputs(ctx, settings.timed, settings.sideOutputs);
    const timers = new TimerAccess(this.scope, ctx.eventTimers, ctx.processingTimers, () => this.context.currentWatermark);
    this.context = new ProcessContext(this.store, timers, (tag, value) =>
      this.sides.add(sideOutputName('ctx.output', tag), value, this.emitTs, this.current),
    );
    this.collector = { collect: (row) => this.out.add(row, this.emitTs, this.current, '+I') };
  }

  process(b: Batch): void {
    this.begin(this.ctx.clock.now());
    const rows = b.rows;
    const n = rows.length;
    let i = 0;
    try {
      for (; i < n; i++) {
        if (b.wm !== null) {
          const w = b.wm[i] as number;
          if (w > this.current) this.advance(w);
        }
        this.element(rows[i], b.ts === null ? null : (b.ts[i] as number));
      }
    } catch (e) {
      throw userFunctionFailed('process', rows[i], e);
    }
    if (b.wmEnd > this.current) this.advance(b.wmEnd);
    this.store.maybeSweep(this.scope.now);
    this.flush(b.idle);
  }

  onProcessingTime(now: number): void {
    this.begin(now);
    const timers = this.ctx.processingTimers;
    const due = timers.next <= now;
    if (due) timers.advance(now, this.onProcessingTimer);
    this.store.maybeSweep(now);
    if (due) this.flush(false);
  }

  /**
   * End of input: the watermark goes to +Infinity and the event-time timers fire, those pending now and those
   * they register up to the latest pending time (a timer that always registers a later one would never end).
   * Processing-time timers do not fire at the end of input, as in Flink.
   */
  finish(): void {
    this.begin(this.ctx.clock.now());
    let last = NO_WATERMARK;
    for (const t of this.ctx.eventTimers.entries()) last = Math.max(last, t.time);
    if (last > NO_WATERMARK) {
      this.firing = END_WATERMARK;
      this.ctx.eventTimers.advance(last, this.onEventTimer);
    }
    this.current = END_WATERMARK;
    this.flush(false);
    if (this.fn.close !== undefined) {
      try {
        this.fn.close();
      } catch (e) {
        throw userFunctionFailed('process', { call: 'close' }, e);
      }
    }
    this.ctx.out.end();
    this.sides.end();
  }

  snapshotState(): { current: number } {
    return { current: this.current };
  }

  restoreState(states: unknown[]): void {
    this.current = minWatermark(states);
  }

  private begin(now: number): void {
    this.scope.now = now;
    if (this.opened) return;
    this.opened = true;
    if (this.fn.open === undefined) return;
    try {
      this.fn.open({ state: this.store, partition: this.ctx.partition, parallelism: this.ctx.parallelism });
    } catch (e) {
      throw userFunctionFailed('process', { call: 'open' }, e);
    }
  }

  private element(row: unknown, ts: number | null): void {
    const k = this.keyOf(row);
    const c = canonicalKey(k);
    const context = this.context;
    this.scope.enter(k, c);
    context.key = k;
    context.timestamp = ts as number;
    context.currentWatermark = this.current;
    context.currentProcessingTime = this.scope.now;
    this.emitTs = ts ?? NaN;
    this.fn.processElement(row, context, this.collector);
    this.scope.leave();
  }

  private advance(w: number): void {
    this.firing = w;
    this.ctx.eventTimers.advance(w, this.onEventTimer);
    this.current = w;
  }

  private onTimer(domain: TimeDomain, time: number, key: unknown, c: unknown): void {
    const onTimer = this.fn.onTimer;
    if (onTimer === undefined) return;
    const context = this.context;
    this.scope.enter(key, c);
    context.key = key;
    context.timestamp = time;
    context.timeDomain = domain;
    context.currentWatermark = domain === 'event' ? this.firing : this.current;
    context.currentProcessingTime = this.scope.now;
    this.emitTs = domain === 'event' ? time : NaN;
    try {
      onTimer.call(this.fn, time, context, this.collector);
    } catch (e) {
      throw userFunctionFailed('process', { key, timer: time, timeDomain: domain }, e);
    }
    this.scope.leave();
  }

  private flush(idle: boolean): void {
    this.sides.flush(this.current, idle);
    this.ctx.out.push(this.out.take(this.current, idle));
  }
}
