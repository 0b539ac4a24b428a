// ctx.timers of a process function: event-time and processing-time timers of the current key, registered in
// the partition's timer services (which snapshots write per key group). Deleting removes the (time, key)
// timer, as Flink's deleteEventTimeTimer does.
import { RivuletError } from '../../errors/rivulet-error.ts';
import type { TimerService } from '../../time/timer-service.ts';
import type { KeyScope } from './key-scope.ts';
import type { TimerContext } from './process-function.ts';

export class TimerAccess implements TimerContext {
  constructor(
    private readonly scope: KeyScope,
    private readonly eventTimers: TimerService,
    private readonly processingTimers: TimerService,
    private readonly watermark: () => number,
  ) {}

  registerEventTime(t: number): void {
    this.eventTimers.register(this.time('registerEventTime', t), this.scope.require('ctx.timers.registerEventTime'), this.scope.key);
  }

  registerProcessingTime(t: number): void {
    this.processingTimers.register(
      this.time('registerProcessingTime', t),
      this.scope.require('ctx.timers.registerProcessingTime'),
      this.scope.key,
    );
  }

  deleteEventTime(t: number): void {
    this.eventTimers.delete(this.time('deleteEventTime', t), this.scope.require('ctx.timers.deleteEventTime'));
  }

  deleteProcessingTime(t: number): void {
    this.processingTimers.delete(this.time('deleteProcessingTime', t), this.scope.require('ctx.timers.deleteProcessingTime'));
  }

  registerEventTimeTimer(t: number): void {
    this.registerEventTime(t);
  }
  registerProcessingTimeTimer(t: number): void {
    this.registerProcessingTime(t);
  }
  deleteEventTimeTimer(t: number): void {
    this.deleteEventTime(t);
  }
  deleteProcessingTimeTimer(t: number): void {
    this.deleteProcessingTime(t);
  }

  currentWatermark(): number {
    return this.watermark();
  }

  currentProcessingTime(): number {
    return this.scope.now;
  }

  private time(what: string, t: unknown): number {
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new RivuletError('BAD_ARGUMENT', { where: `ctx.timers.${what}`, name: 'the time', expected: 'a finite number of ms', got: t });
    }
    return t;
  }
}
