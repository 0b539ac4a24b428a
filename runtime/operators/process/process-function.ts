// The keyed process function (Flink's KeyedProcessFunction): an object with processElement and optionally open
// and onTimer (and close), or a plain function (value, ctx, out) => void that is processElement alone. It sees
// the current key, the element's timestamp, the watermark and processing time, keyed state (ctx.state) and
// timers (ctx.timers), and writes rows to `out` and to side outputs (ctx.output(tag, value)).
import type { Collector } from '../flat-map.ts';
import type { KeyedStateStore } from './state-store.ts';
import type { OutputTag } from './output-tag.ts';
import type { TimeDomain } from '../../time/windows/window-assigner.ts';

/** Timers of the current key (Flink's TimerService); `t` in ms. */
export interface TimerContext {
  registerEventTime(t: number): void;
  registerProcessingTime(t: number): void;
  deleteEventTime(t: number): void;
  deleteProcessingTime(t: number): void;
  /** Flink's names for the same four. */
  registerEventTimeTimer(t: number): void;
  registerProcessingTimeTimer(t: number): void;
  deleteEventTimeTimer(t: number): void;
  deleteProcessingTimeTimer(t: number): void;
  currentWatermark(): number;
  currentProcessingTime(): number;
}

/** What open() gets: state handles may be made here and kept (they follow the current key). */
export interface ProcessOpenContext {
  readonly state: KeyedStateStore;
  readonly partition: number;
  readonly parallelism: number;
}

export interface KeyedProcessContext<K = any> {
  /** The current key. */
  readonly key: K;
  /** Event time of the element (ms), or null when the stream has no timestamps. In onTimer: the timer's time. */
  readonly timestamp: number | null;
  readonly currentWatermark: number;
  readonly currentProcessingTime: number;
  readonly state: KeyedStateStore;
  readonly timers: TimerContext;
  /** Flink's ctx.timerService(): the same as `timers`. */
  timerService(): TimerContext;
  /** Sends `value` to the side output `tag` (read it with .sideOutput(tag) on the processed stream). */
  output<X>(tag: OutputTag<X> | string, value: X): void;
}

export interface OnTimerContext<K = any> extends KeyedProcessContext<K> {
  readonly timestamp: number;
  readonly timeDomain: TimeDomain;
}

export interface KeyedProcessFunction<K, I, O> {
  open?(ctx: ProcessOpenContext): void;
  processElement(value: I, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<O>): void;
  /** Called once when the input has ended, after the last timers fired. */
  close?(): void;
}

export type ProcessElementFunction<K, I, O> = (value: I, ctx: KeyedProcessContext<K>, out: Collector<O>) => void;

/** Either form a process function may take. */
export type ProcessFunctionLike<K, I, O> = KeyedProcessFunction<K, I, O> | ProcessElementFunction<K, I, O>;

/**
 * The function object one operator instance calls. An object is wrapped with Object.create, so that fields a
 * function sets on `this` (Flink habit: handles kept from open()) belong to one partition and never leak to
 * another partition running the same function object. (Hence a class with #private fields does not work as a
 * process function: use ordinary fields.)
 */
export function instanceOf<K, I, O>(fn: ProcessFunctionLike<K, I, O>): KeyedProcessFunction<K, I, O> {
  if (typeof fn === 'function') return { processElement: fn };
  return Object.create(fn) as KeyedProcessFunction<K, I, O>;
}
