import { describe, expect, it } from 'vitest';
import { RivuletError, StreamEnvironment, Windows, agg } from '../../../runtime/index.ts';
import { SteppedClock, driveClock } from '../../helpers/operator-harness.ts';
import { error } from '../../helpers/rivulet-errors.ts';

const env = new StreamEnvironment();
const timed = env.fromElements({ k: 'a', t: 1, v: 1 }).withWatermarks({ timestamp: 't' });

describe('WindowedStream argument checks', () => {
  it('refuses a negative or fractional allowed lateness', () => {
    const w = timed.keyBy('k').window(Windows.tumbling(10));
    expect(error(() => w.allowedLateness(-1)).message).toBe(
      'allowedLateness: the lateness must be a non-negative integer, got -1. Pass a non-negative integer.',
    );
    expect(error(() => w.allowedLateness(0.5)).code).toBe('BAD_ARGUMENT');
  });

  it('refuses lateness on a processing-time window, explaining it is an event-time notion', () => {
    const w = timed.keyBy('k').window(Windows.tumbling(10, { time: 'processing' }));
    const e = error(() => w.allowedLateness(100));
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.message).toContain('Lateness is an event-time notion');
    expect(() => w.allowedLateness(0)).not.toThrow();
  });

  it('refuses aggregates named like the window fields', () => {
    const w = timed.keyBy('k').window(Windows.tumbling(10));
    for (const name of ['key', 'windowStart', 'windowEnd', 'op']) {
      const e = error(() => w.aggregate({ [name]: agg.count() }));
      expect(e.code).toBe('RESERVED_FIELD');
      expect(e.message).toContain(`"${name}"`);
    }
  });

  it('refuses a window reduce or process that is not a function', () => {
    const w = timed.keyBy('k').window(Windows.tumbling(10));
    expect(error(() => w.reduce(1 as never)).code).toBe('BAD_ARGUMENT');
    expect(error(() => w.process('f' as never)).code).toBe('BAD_ARGUMENT');
    expect(error(() => timed.windowAll(Windows.tumbling(10)).process(null as never)).code).toBe('BAD_ARGUMENT');
  });
});

describe('Windowed computations (public API)', () => {
  it('accepts a single AggregateFunction and names its result value', async () => {
    const e = new StreamEnvironment();
    const rows = await e
      .fromElements({ k: 'a', t: 1, v: 2 }, { k: 'a', t: 2, v: 5 })
      .withWatermarks({ timestamp: 't' })
      .keyBy('k')
      .window(Windows.tumbling(10))
      .aggregate(agg.max('v'))
      .collect();
    expect(rows).toEqual([{ key: 'a', windowStart: 0, windowEnd: 10, value: 5 }]);
  });

  it('computes windowAll over the whole stream in one instance, whatever the parallelism', async () => {
    const e = new StreamEnvironment({ parallelism: 4 });
    const rows = await e
      .fromArray(Array.from({ length: 30 }, (_, i) => ({ t: i })))
      .withWatermarks({ timestamp: 't' })
      .windowAll(Windows.tumbling(10))
      .aggregate({ n: agg.count(), first: agg.min('t') })
      .collect();
    expect(rows).toEqual([
      { windowStart: 0, windowEnd: 10, n: 10, first: 0 },
      { windowStart: 10, windowEnd: 20, n: 10, first: 10 },
      { windowStart: 20, windowEnd: 30, n: 10, first: 20 },
    ]);
  });

  it('uses a Flink-style process function with the window and its elements', async () => {
    const e = new StreamEnvironment({ parallelism: 2 });
    const rows = await e
      .fromElements({ k: 'a', t: 1 }, { k: 'b', t: 3 }, { k: 'a', t: 4 })
      .withWatermarks({ timestamp: 't' })
      .keyBy('k')
      .window(Windows.tumbling(10))
      .process<string>((key, ctx, elements, out) => out.collect(`${key}@${ctx.window.start}-${ctx.window.end}:${elements.length}`))
      .collect();
    expect([...rows].sort()).toEqual(['a@0-10:2', 'b@0-10:1']);
  });

  it('computes processing-time windows on a virtual clock with a paced generator', async () => {
    const clock = new SteppedClock();
    const e = new StreamEnvironment({ clock, parallelism: 2 });
    const done = e
      .fromGenerator((i) => ({ k: i % 2 === 0 ? 'even' : 'odd', i }), { count: 25, eventsPerSecond: 10 })
      .keyBy('k')
      .window(Windows.tumbling(1000, { time: 'processing' }))
      .aggregate({ n: agg.count(), first: agg.min('i') })
      .collect();
    const steps = await driveClock(clock, 100, done);
    const rows = await done;
    // Event i is due at processing time i * 100 ms; the last window is fired by the end of input.
    expect([...rows].sort((a, b) => a.windowStart - b.windowStart || a.key.localeCompare(b.key))).toEqual([
      { key: 'even', windowStart: 0, windowEnd: 1000, n: 5, first: 0 },
      { key: 'odd', windowStart: 0, windowEnd: 1000, n: 5, first: 1 },
      { key: 'even', windowStart: 1000, windowEnd: 2000, n: 5, first: 10 },
      { key: 'odd', windowStart: 1000, windowEnd: 2000, n: 5, first: 11 },
      { key: 'even', windowStart: 2000, windowEnd: 3000, n: 3, first: 20 },
      { key: 'odd', windowStart: 2000, windowEnd: 3000, n: 2, first: 21 },
    ]);
    expect(steps).toBe(24);
    expect(clock.now()).toBe(2400);
  });

  describe('a union of two sources where one goes quiet', () => {
    function pipeline(idleTimeout: number | undefined) {
      const clock = new SteppedClock();
      const e = new StreamEnvironment({ clock });
      const opts = { timestamp: 't' as const, ...(idleTimeout !== undefined ? { idleTimeout } : {}) };
      const busy = e.fromGenerator((i) => ({ src: 'busy', t: i * 100 }), { eventsPerSecond: 10, name: 'busy' }).withWatermarks(opts);
      // One event at time 0, the next one due after 1000 s of processing time.
      const quiet = e.fromGenerator((i) => ({ src: 'quiet', t: i * 1_000_000 }), { eventsPerSecond: 0.001, name: 'quiet' }).withWatermarks(opts);
      const rows = busy
        .union(quiet)
        .keyBy('src')
        .window(Windows.tumbling(1000))
        .aggregate({ n: agg.count() })
        .take(2)
        .collect();
      return { clock, env: e, rows };
    }

    it('fires the windows of the busy source once the quiet one is idle', async () => {
      const { clock, rows } = pipeline(500);
      const steps = await driveClock(clock, 100, rows);
      expect(await rows).toEqual([
        { key: 'busy', windowStart: 0, windowEnd: 1000, n: 10 },
        { key: 'quiet', windowStart: 0, windowEnd: 1000, n: 1 },
      ]);
      // The busy event at t = 1000 (processing time 1000) moves the watermark to 999.
      expect(steps).toBe(10);
    });

    it('holds every window back while the quiet source is not declared idle', async () => {
      const { clock, env: e, rows } = pipeline(undefined);
      const steps = await driveClock(clock, 100, rows, 50);
      expect(steps).toBe(50);
      e.stopAll();
      // Had two windows fired, take(2) would have ended the job and collect() resolved with them.
      await expect(rows).rejects.toMatchObject({ code: 'JOB_STOPPED' });
    });
  });
});
