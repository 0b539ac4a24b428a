import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../helpers/operator-harness.ts';
import { KeyedProcessOperator } from '../../../../runtime/operators/process/keyed-process-operator.ts';
import type { OperatorContext } from '../../../../runtime/exec/operator.ts';
import { OutputTag, RivuletError, type KeyedProcessFunction, type ProcessFunctionLike } from '../../../../runtime/index.ts';
import { error } from '../../../helpers/rivulet-errors.ts';

interface Ev {
  k: string;
  v: number;
}
const ev = (k: string, v = 0): Ev => ({ k, v });

function proc(fn: ProcessFunctionLike<any, any, any>, opts: { timed?: boolean; sides?: string[] } = {}) {
  return (ctx: OperatorContext) =>
    new KeyedProcessOperator({ key: (r: Ev) => r.k, fn, timed: opts.timed ?? true, sideOutputs: opts.sides ?? [] }, ctx);
}

describe('KeyedProcessOperator: elements', () => {
  it('calls processElement with the key, the element timestamp, the watermark and processing time', () => {
    const seen: unknown[] = [];
    const h = new OperatorHarness(
      proc((e: Ev, ctx) => seen.push([e.v, ctx.key, ctx.timestamp, ctx.currentWatermark, ctx.currentProcessingTime])),
    );
    h.setProcessingTime(500);
    h.push([ev('a', 1), ev('b', 2)], { ts: [10, 20], wm: [5, 9], wmEnd: 9 });
    expect(seen).toEqual([
      [1, 'a', 10, 5, 500],
      [2, 'b', 20, 9, 500],
    ]);
  });

  it('takes a plain function as processElement and emits append-only rows stamped with the element time', () => {
    const h = new OperatorHarness(proc((e: Ev, _ctx, out) => out.collect({ k: e.k, twice: e.v * 2 })));
    h.push([ev('a', 1), ev('b', 2)], { ts: [10, 20], wm: [5, 9], wmEnd: 12 });
    expect(h.timedOutput()).toEqual([
      { op: '+I', row: { k: 'a', twice: 2 }, ts: 10, wm: 5 },
      { op: '+I', row: { k: 'b', twice: 4 }, ts: 20, wm: 9 },
    ]);
    expect(h.main.batches.every((b) => b.ops === null)).toBe(true);
    expect(h.main.watermark).toBe(12);
    h.finish();
    expect(h.ended).toBe(true);
    expect(h.problems).toEqual([]);
  });

  it('gives ctx.timestamp null and emits rows without event time when the stream has no timestamps', () => {
    const stamps: unknown[] = [];
    const h = new OperatorHarness(
      proc(
        (e: Ev, ctx, out) => {
          stamps.push(ctx.timestamp);
          out.collect(e.v);
        },
        { timed: false },
      ),
    );
    h.push([ev('a', 1)]);
    expect(stamps).toEqual([null]);
    expect(h.main.batches[0]?.ts).toBeNull();
    expect(h.outputRows()).toEqual([1]);
  });

  it('calls open once per instance before the first element, with state handles that follow the current key', () => {
    let opens = 0;
    const fn = {
      count: undefined as unknown,
      open(ctx: { state: { value: (d: string) => unknown } }) {
        opens++;
        this.count = ctx.state.value('count');
      },
      processElement(this: { count: { value(): number | undefined; update(v: number): void } }, e: Ev, _ctx: unknown, out: { collect(r: unknown): void }) {
        this.count.update((this.count.value() ?? 0) + 1);
        out.collect([e.k, this.count.value()]);
      },
    };
    const h = new OperatorHarness(proc(fn as never));
    h.push([ev('a'), ev('b'), ev('a')], { ts: [1, 2, 3] });
    expect(opens).toBe(1);
    expect(h.outputRows()).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
    ]);
  });

  it('gives each partition its own function object, so fields set in open never cross partitions', () => {
    const fn = {
      partition: -1,
      open(this: { partition: number }, ctx: { partition: number }) {
        this.partition = ctx.partition;
      },
      processElement(this: { partition: number }, _e: Ev, _ctx: unknown, out: { collect(r: unknown): void }) {
        out.collect(this.partition);
      },
    };
    const p0 = new OperatorHarness(proc(fn as never), { partition: 0, parallelism: 2 });
    const p1 = new OperatorHarness(proc(fn as never), { partition: 1, parallelism: 2 });
    p0.push([ev('a')], { ts: [1] });
    p1.push([ev('b')], { ts: [1] });
    p0.push([ev('a')], { ts: [2] });
    expect(p0.outputRows()).toEqual([0, 0]);
    expect(p1.outputRows()).toEqual([1]);
    expect(fn.partition).toBe(-1);
  });
});

describe('KeyedProcessOperator: timers', () => {
  /** Registers an event-time timer at e.v for its key, emits what each firing sees. */
  const timerFn = (): KeyedProcessFunction<string, Ev, unknown> => ({
    processElement(e, ctx) {
      ctx.timers.registerEventTime(e.v);
    },
    onTimer(t, ctx, out) {
      out.collect({ key: ctx.key, t, domain: ctx.timeDomain, ts: ctx.timestamp, wm: ctx.currentWatermark });
    },
  });

  it('fires event-time timers in time order (then registration order) once the watermark reaches them', () => {
    const h = new OperatorHarness(proc(timerFn()));
    h.push([ev('a', 30), ev('b', 10), ev('c', 20), ev('d', 10)], { ts: [1, 2, 3, 4], wm: 0 });
    expect(h.output()).toEqual([]);
    h.watermark(19);
    h.watermark(100);
    expect(h.outputRows()).toEqual([
      { key: 'b', t: 10, domain: 'event', ts: 10, wm: 19 },
      { key: 'd', t: 10, domain: 'event', ts: 10, wm: 19 },
      { key: 'c', t: 20, domain: 'event', ts: 20, wm: 100 },
      { key: 'a', t: 30, domain: 'event', ts: 30, wm: 100 },
    ]);
  });

  it('stamps timer output with the timer time and the watermark before the one that fired it', () => {
    const h = new OperatorHarness(proc(timerFn()));
    h.push([ev('a', 15)], { ts: [1], wm: 0 });
    h.watermark(40);
    expect(h.timedOutput().map(({ ts, wm }) => ({ ts, wm }))).toEqual([{ ts: 15, wm: 0 }]);
    expect(h.problems).toEqual([]);
  });

  it('fires timers due at a per-row watermark before that row is processed', () => {
    const h = new OperatorHarness(
      proc({
        processElement(e: Ev, ctx, out) {
          out.collect(`el ${e.v}`);
          ctx.timers.registerEventTime(e.v + 5);
        },
        onTimer(t, _ctx, out) {
          out.collect(`timer ${t}`);
        },
      }),
    );
    h.push([ev('a', 0), ev('a', 10), ev('a', 20)], { ts: [0, 10, 20], wm: [-1, 9, 19], wmEnd: 19 });
    expect(h.outputRows()).toEqual(['el 0', 'timer 5', 'el 10', 'timer 15', 'el 20']);
  });

  it('fires a timer registered at or behind the watermark at the next watermark advance', () => {
    const h = new OperatorHarness(proc(timerFn()));
    h.watermark(50);
    h.push([ev('a', 20)], { ts: [60] });
    expect(h.output()).toEqual([]);
    h.watermark(51);
    expect(h.outputRows()).toEqual([{ key: 'a', t: 20, domain: 'event', ts: 20, wm: 51 }]);
  });

  it('fires a timer registered twice for one key and time once', () => {
    const h = new OperatorHarness(proc(timerFn()));
    h.push([ev('a', 7), ev('a', 7), ev('b', 7)], { ts: [1, 2, 3] });
    h.watermark(10);
    expect(h.outputRows().map((r) => (r as { key: string }).key)).toEqual(['a', 'b']);
  });

  it('never fires deleted event-time and processing-time timers', () => {
    const h = new OperatorHarness(
      proc({
        processElement(e: Ev, ctx) {
          if (e.v >= 0) {
            ctx.timers.registerEventTime(e.v);
            ctx.timers.registerProcessingTime(e.v);
          } else {
            ctx.timers.deleteEventTime(-e.v);
            ctx.timers.deleteProcessingTimeTimer(-e.v);
          }
        },
        onTimer(t, ctx, out) {
          out.collect(`${ctx.key} ${ctx.timeDomain} ${t}`);
        },
      }),
    );
    h.push([ev('a', 10), ev('a', 20), ev('b', 10), ev('a', -10)], { ts: [1, 1, 1, 1] });
    expect(h.eventTimers.size).toBe(2);
    expect(h.processingTimers.size).toBe(2);
    h.setProcessingTime(100);
    h.watermark(100);
    expect(h.outputRows()).toEqual(['b processing 10', 'a processing 20', 'b event 10', 'a event 20']);
  });

  it('fires processing-time timers when the clock passes them; their rows carry no event time', () => {
    const h = new OperatorHarness(
      proc({
        processElement(e: Ev, ctx) {
          ctx.timers.registerProcessingTime(ctx.currentProcessingTime + e.v);
        },
        onTimer(t, ctx, out) {
          out.collect({ key: ctx.key, t, domain: ctx.timeDomain, now: ctx.currentProcessingTime, ts: ctx.timestamp });
        },
      }),
    );
    h.setProcessingTime(100);
    h.push([ev('a', 50), ev('b', 20)], { ts: [1, 2], wm: 0 });
    h.setProcessingTime(119);
    expect(h.output()).toEqual([]);
    h.setProcessingTime(160);
    expect(h.timedOutput()).toEqual([
      { op: '+I', row: { key: 'b', t: 120, domain: 'processing', now: 160, ts: 120 }, ts: NaN, wm: 0 },
      { op: '+I', row: { key: 'a', t: 150, domain: 'processing', now: 160, ts: 120 + 30 }, ts: NaN, wm: 0 },
    ]);
  });

  it('fires the remaining event-time timers at the end of input, but no processing-time timers (as Flink)', () => {
    const h = new OperatorHarness(
      proc({
        processElement(e: Ev, ctx) {
          ctx.timers.registerEventTime(e.v);
          ctx.timers.registerProcessingTime(e.v);
        },
        onTimer(t, ctx, out) {
          out.collect(`${ctx.timeDomain} ${t} wm=${ctx.currentWatermark}`);
        },
      }),
    );
    h.push([ev('a', 1000), ev('b', 5)], { ts: [1, 2] });
    h.finish();
    expect(h.outputRows()).toEqual(['event 5 wm=Infinity', 'event 1000 wm=Infinity']);
    expect(h.main.watermark).toBe(Infinity);
    expect(h.ended).toBe(true);
  });

  it('ends a chain of timers that keep registering later ones at the latest time pending when the input ended', () => {
    const h = new OperatorHarness(
      proc({
        processElement(e: Ev, ctx) {
          ctx.timers.registerEventTime(e.v);
        },
        onTimer(t, ctx, out) {
          out.collect(t);
          ctx.timers.registerEventTime(t + 10);
        },
      }),
    );
    h.push([ev('a', 0), ev('b', 35)], { ts: [0, 0] });
    h.finish();
    expect(h.outputRows()).toEqual([0, 10, 20, 30, 35]);
  });

  it('refuses a timer time that is not a finite number', () => {
    const h = new OperatorHarness(proc((_e: Ev, ctx) => ctx.timers.registerEventTime(Number.NaN)));
    const e = error(() => h.push([ev('a')], { ts: [1] }));
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.message).toContain('ctx.timers.registerEventTime: the time must be a finite number of ms');
  });
});

describe('KeyedProcessOperator: side outputs', () => {
  it('sends ctx.output(tag, value) to that side output with the element time, and carries watermarks and the end there', () => {
    const odd = new OutputTag<number>('odd');
    const h = new OperatorHarness(
      proc(
        (e: Ev, ctx, out) => {
          if (e.v % 2 === 1) ctx.output(odd, e.v);
          else out.collect(e.v);
        },
        { sides: ['tag:odd'] },
      ),
    );
    h.push([ev('a', 1), ev('a', 2), ev('b', 3)], { ts: [10, 20, 30], wm: [0, 0, 5], wmEnd: 7 });
    const side = h.side('tag:odd');
    expect(side.timed()).toEqual([
      { op: '+I', row: 1, ts: 10, wm: 0 },
      { op: '+I', row: 3, ts: 30, wm: 5 },
    ]);
    expect(h.outputRows()).toEqual([2]);
    expect(side.watermark).toBe(7);
    h.finish();
    expect(side.ended).toBe(true);
    expect(h.problems).toEqual([]);
  });

  it('accepts a tag name as a string', () => {
    const h = new OperatorHarness(proc((e: Ev, ctx) => ctx.output('seen', e.k), { sides: ['tag:seen'] }));
    h.push([ev('x')], { ts: [1] });
    expect(h.side('tag:seen').rows()).toEqual(['x']);
  });
});

describe('KeyedProcessOperator: errors', () => {
  it('names process and the record when processElement throws', () => {
    const h = new OperatorHarness(
      proc((e: Ev) => {
        if (e.v === 2) throw new Error('boom');
      }),
    );
    const e = error(() => h.push([ev('a', 1), ev('a', 2)], { ts: [1, 2] }));
    expect(e.code).toBe('USER_FUNCTION_FAILED');
    expect(e.message).toContain('The function passed to process threw on record {"k":"a","v":2}: boom');
  });

  it('names the key and the timer when onTimer throws', () => {
    const h = new OperatorHarness(
      proc({
        processElement(e: Ev, ctx) {
          ctx.timers.registerEventTime(e.v);
        },
        onTimer() {
          throw new Error('late boom');
        },
      }),
    );
    h.push([ev('a', 5)], { ts: [1] });
    const e = error(() => h.watermark(10));
    expect(e.code).toBe('USER_FUNCTION_FAILED');
    expect(e.message).toContain('{"key":"a","timer":5,"timeDomain":"event"}: late boom');
  });

  it('reports an exception of open() as USER_FUNCTION_FAILED', () => {
    const h = new OperatorHarness(
      proc({
        open() {
          throw new Error('no config');
        },
        processElement() {},
      }),
    );
    const e = error(() => h.push([ev('a')], { ts: [1] }));
    expect(e.code).toBe('USER_FUNCTION_FAILED');
    expect(e.message).toContain('no config');
  });

  it('refuses state and timer access in open() with NO_KEY_CONTEXT', () => {
    const h = new OperatorHarness(
      proc({
        open(ctx) {
          ctx.state.value<number>('x').value();
        },
        processElement() {},
      }),
    );
    const e = error(() => h.push([ev('a')], { ts: [1] }));
    expect(e.code).toBe('NO_KEY_CONTEXT');
    expect(e.message).toContain('value state "x" needs the current key');
  });
});

describe('KeyedProcessOperator: snapshots of its own state', () => {
  it('snapshots its watermark and restores the lowest of the old instances', () => {
    const h = new OperatorHarness(proc(() => {}));
    h.watermark(42);
    expect(h.op.snapshotState()).toEqual({ current: 42 });
    const r = new OperatorHarness(proc(() => {}));
    r.op.restoreState([{ current: 42 }, { current: 17 }]);
    expect(r.op.snapshotState()).toEqual({ current: 17 });
  });
});
