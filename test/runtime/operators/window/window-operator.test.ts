import { describe, expect, it } from 'vitest';
import { EventTimeHarness, OperatorHarness } from '../../../helpers/operator-harness.ts';
import { WindowOperator } from '../../../../runtime/operators/window/window-operator.ts';
import {
  aggregateContents,
  processContents,
  reduceContents,
  type ProcessWindowContext,
} from '../../../../runtime/operators/window/window-contents.ts';
import { AggregateSet, type AggregateSpec } from '../../../../runtime/operators/aggregates/aggregate-set.ts';
import type { OperatorContext } from '../../../../runtime/exec/operator.ts';
import { agg, RivuletError, StreamEnvironment, Windows, type WindowAssigner } from '../../../../runtime/index.ts';

interface Ev {
  k: string;
  t: number;
  v?: number;
}
const e = (k: string, t: number, v = 1): Ev => ({ k, t, v });

/** A keyed window aggregate over rows { k, t }, as keyBy('k').window(assigner).allowedLateness(l).aggregate(spec). */
function windowAggregate(assigner: WindowAssigner, lateness = 0, spec: AggregateSpec = { n: agg.count() }, keyed = true) {
  const aggs = new AggregateSet(spec);
  return (ctx: OperatorContext) =>
    new WindowOperator({ assigner, allowedLateness: lateness, key: keyed ? (r: Ev) => r.k : null }, aggregateContents(aggs, keyed), ctx);
}

/** The window operator behind the real watermark assigner (timestamp r.t). */
function eventTime(assigner: WindowAssigner, opts: { maxOutOfOrderness?: number; lateness?: number; spec?: AggregateSpec } = {}) {
  return new EventTimeHarness(windowAggregate(assigner, opts.lateness ?? 0, opts.spec), {
    timestamp: (r: Ev) => r.t,
    maxOutOfOrderness: opts.maxOutOfOrderness ?? 0,
  });
}

const win = (key: string, windowStart: number, windowEnd: number, n: number) => ({ key, windowStart, windowEnd, n });

describe('WindowOperator: firing', () => {
  it('fires a tumbling window when the watermark reaches its max timestamp (end - 1), not before', () => {
    const h = new OperatorHarness(windowAggregate(Windows.tumbling(1000)));
    h.pushWithTimestamps([
      [e('a', 500), 500],
      [e('a', 10), 10],
    ]);
    h.watermark(998);
    expect(h.output()).toEqual([]);
    h.watermark(999);
    expect(h.timedOutput()).toEqual([{ op: '+I', row: win('a', 0, 1000, 2), ts: 999, wm: 998 }]);
    expect(h.main.watermarks()).toEqual([-Infinity, 998, 999]);
  });

  it('emits results before the watermark that fired them, stamped with the window max timestamp', () => {
    const h = new OperatorHarness(windowAggregate(Windows.tumbling(10)));
    h.pushWithTimestamps([[e('a', 3), 3]], { wm: 0 });
    h.watermark(25);
    const last = h.main.batches.at(-1);
    expect(last?.rows).toEqual([win('a', 0, 10, 1)]);
    expect(last?.ts).toEqual([9]);
    expect(last?.wm).toEqual([0]);
    expect(last?.wmEnd).toBe(25);
  });

  it('fires every remaining window at the end of input, in time order per key', () => {
    const h = eventTime(Windows.tumbling(1000), { maxOutOfOrderness: 10_000 });
    h.send(e('a', 2500), e('a', 500), e('b', 700), e('a', 1500), e('a', 600));
    expect(h.output()).toEqual([]);
    h.end();
    const rows = h.outputRows<ReturnType<typeof win>>();
    expect(rows.filter((r) => r.key === 'a')).toEqual([win('a', 0, 1000, 2), win('a', 1000, 2000, 1), win('a', 2000, 3000, 1)]);
    expect(rows.filter((r) => r.key === 'b')).toEqual([win('b', 0, 1000, 1)]);
    expect(h.ended).toBe(true);
    expect(h.target.side('late').ended).toBe(true);
    expect(h.problems).toEqual([]);
  });

  it('emits plain inserts (no changelog column) when there is no allowed lateness', () => {
    const h = eventTime(Windows.tumbling(10));
    h.send(e('a', 1), e('a', 12), e('a', 25)).end();
    expect(h.target.main.batches.every((b) => b.ops === null)).toBe(true);
    expect(h.outputRows()).toEqual([win('a', 0, 10, 1), win('a', 10, 20, 1), win('a', 20, 30, 1)]);
  });

  it('clears the state of a key once its windows are fired and cleaned up', () => {
    const h = eventTime(Windows.tumbling(10));
    h.send(e('a', 1), e('b', 30));
    expect(h.state.valueState('window').get('a')).toBeUndefined();
    expect(h.state.valueState('window').get('b')).toBeDefined();
  });

  it('computes windowAll results without a key field', () => {
    const h = new EventTimeHarness(windowAggregate(Windows.tumbling(10), 0, { n: agg.count() }, false), { timestamp: (r: Ev) => r.t });
    h.send(e('a', 1), e('b', 2), e('c', 11)).end();
    expect(h.outputRows()).toEqual([
      { windowStart: 0, windowEnd: 10, n: 2 },
      { windowStart: 10, windowEnd: 20, n: 1 },
    ]);
  });
});

describe('WindowOperator: per-record watermarks and lateness', () => {
  it('judges lateness by the watermark before each record, even inside one batch', () => {
    const h = eventTime(Windows.tumbling(1000));
    h.send(e('a', 500), e('a', 1000), e('a', 999));
    expect(h.output()).toEqual([{ op: '+I', row: win('a', 0, 1000, 1) }]);
    expect(h.late()).toEqual([e('a', 999)]);
    h.end();
    expect(h.outputRows()).toEqual([win('a', 0, 1000, 1), win('a', 1000, 2000, 1)]);
  });

  it('gives the same results whether records come in one batch or one per batch', () => {
    const input = [e('a', 500), e('b', 1200), e('a', 999), e('a', 1000), e('b', 700), e('a', 2100), e('b', 1999), e('a', 1500), e('b', 300), e('a', 1250)];
    const one = eventTime(Windows.sliding(1000, 500), { maxOutOfOrderness: 300, lateness: 200 });
    one.send(...input).end();
    const each = eventTime(Windows.sliding(1000, 500), { maxOutOfOrderness: 300, lateness: 200 });
    each.sendEach(...input).end();
    expect(each.output()).toEqual(one.output());
    expect(each.late()).toEqual(one.late());
    expect(one.late()).toEqual([e('b', 300)]);
  });

  it('treats an element as late exactly when maxTimestamp + allowedLateness <= watermark', () => {
    // window [0, 1000): maxTimestamp 999, allowed lateness 100 → late from watermark 1099 on.
    const h = eventTime(Windows.tumbling(1000), { lateness: 100 });
    h.send(e('w', 1099)); // watermark 1098
    h.send(e('a', 10));
    expect(h.late()).toEqual([]);
    h.send(e('w', 1100)); // watermark 1099
    h.send(e('a', 20));
    expect(h.late()).toEqual([e('a', 20)]);
    expect(h.metrics.lateDropped).toBe(1);
  });

  it('re-fires a window for an element within the allowed lateness: -U of the old result, then +U of the new', () => {
    const h = eventTime(Windows.tumbling(1000), { lateness: 100 });
    h.send(e('a', 500), e('w', 1000)); // watermark 999 fires [0, 1000)
    expect(h.drain()).toEqual([{ op: '+I', row: win('a', 0, 1000, 1) }]);
    h.send(e('a', 600));
    expect(h.drain()).toEqual([
      { op: '-U', row: win('a', 0, 1000, 1) },
      { op: '+U', row: win('a', 0, 1000, 2) },
    ]);
    h.send(e('w', 1098), e('a', 700)); // watermark 1097: still within lateness
    expect(h.drain()).toEqual([
      { op: '-U', row: win('a', 0, 1000, 2) },
      { op: '+U', row: win('a', 0, 1000, 3) },
    ]);
    expect(h.timedOutput().slice(1).map((c) => c.ts)).toEqual([999, 999, 999, 999]);
    expect(h.late()).toEqual([]);
  });

  it('cleans a window up at maxTimestamp + allowedLateness; later elements go to the late output', () => {
    const h = eventTime(Windows.tumbling(1000), { lateness: 100 });
    h.send(e('a', 500), e('w', 1100)); // watermark 1099 = 999 + 100
    expect(h.drain()).toEqual([{ op: '+I', row: win('a', 0, 1000, 1) }]);
    expect(h.state.valueState('window').get('a')).toBeUndefined();
    h.send(e('a', 900));
    expect(h.drain()).toEqual([]);
    expect(h.late()).toEqual([e('a', 900)]);
  });

  it('fires at once, as an insert, the first element of a window that is past its end but within lateness', () => {
    const h = eventTime(Windows.tumbling(1000), { lateness: 1000 });
    h.send(e('w', 1500)); // watermark 1499
    h.send(e('a', 500));
    expect(h.drain()).toEqual([{ op: '+I', row: win('a', 0, 1000, 1) }]);
    h.end();
    expect(h.drain()).toEqual([{ op: '+I', row: win('w', 1000, 2000, 1) }]);
  });

  it('adds an element to the sliding windows it is not late for, without sending it to the late output', () => {
    const h = eventTime(Windows.sliding(1000, 500));
    h.send(e('w', 1000)); // watermark 999: [0, 1000) is due, [500, 1500) is not
    h.send(e('a', 900));
    expect(h.late()).toEqual([]);
    h.end();
    expect(h.outputRows<ReturnType<typeof win>>().filter((r) => r.key === 'a')).toEqual([win('a', 500, 1500, 1)]);
  });

  it('sends an element to the late output only when it is late for every one of its windows', () => {
    const h = eventTime(Windows.sliding(1000, 500));
    h.send(e('w', 2000)); // watermark 1999
    h.send(e('a', 400), e('a', 1500)); // 400: [0, 1000) and [-500, 500) are late; 1500: only [1000, 2000) is
    expect(h.late()).toEqual([e('a', 400)]);
    expect(h.metrics.lateDropped).toBe(1);
    expect(h.target.side('late').timed()).toEqual([{ op: '+I', row: e('a', 400), ts: 400, wm: 1999 }]);
    h.end();
    expect(h.outputRows<ReturnType<typeof win>>().filter((r) => r.key === 'a')).toEqual([win('a', 1500, 2500, 1)]);
  });

  it('re-fires every sliding window a late element within lateness belongs to', () => {
    const h = eventTime(Windows.sliding(10, 5), { lateness: 20 });
    h.send(e('a', 7), e('w', 16)); // watermark 15: [0, 10) and [5, 15) fired
    expect(h.drain()).toEqual([
      { op: '+I', row: win('a', 0, 10, 1) },
      { op: '+I', row: win('a', 5, 15, 1) },
    ]);
    h.send(e('a', 8));
    expect(h.drain()).toEqual([
      { op: '-U', row: win('a', 5, 15, 1) },
      { op: '+U', row: win('a', 5, 15, 2) },
      { op: '-U', row: win('a', 0, 10, 1) },
      { op: '+U', row: win('a', 0, 10, 2) },
    ]);
  });
  it('carries the watermark on the late-data output too, as Flink broadcasts watermarks to side outputs', () => {
    const h = new OperatorHarness(windowAggregate(Windows.tumbling(1000)));
    h.pushWithTimestamps([[e('a', 500), 500]]);
    h.watermark(999);
    h.pushWithTimestamps([[e('a', 10), 10]]); // late
    h.watermark(1999);
    expect(h.late()).toEqual([e('a', 10)]);
    expect(h.side('late').watermark).toBe(1999);
  });
});

describe('WindowOperator: window assignment', () => {
  function assigned(assigner: WindowAssigner, ts: number[]) {
    const h = new OperatorHarness(windowAggregate(assigner));
    h.pushWithTimestamps(ts.map((t) => [e('a', t), t] as const));
    h.finish();
    return h.outputRows<ReturnType<typeof win>>().map((r) => [r.windowStart, r.windowEnd, r.n]);
  }

  it('puts negative timestamps into the windows Flink computes', () => {
    expect(assigned(Windows.tumbling(10), [-1, -10, -11, 0])).toEqual([
      [-20, -10, 1],
      [-10, 0, 2],
      [0, 10, 1],
    ]);
  });

  it('shifts tumbling windows by their offset', () => {
    expect(assigned(Windows.tumbling(10, { offset: 3 }), [2, 3, 12, 13])).toEqual([
      [-7, 3, 1],
      [3, 13, 2],
      [13, 23, 1],
    ]);
    expect(assigned(Windows.tumbling(10, -3), [-4, 0])).toEqual([
      [-13, -3, 1],
      [-3, 7, 1],
    ]);
  });

  it('puts an element into size / slide sliding windows, offsets included', () => {
    expect(assigned(Windows.sliding(10, 5), [7])).toEqual([
      [0, 10, 1],
      [5, 15, 1],
    ]);
    expect(assigned(Windows.sliding(10, 5, { offset: 2 }), [7])).toEqual([
      [2, 12, 1],
      [7, 17, 1],
    ]);
    expect(assigned(Windows.sliding(9, 3), [-1])).toEqual([
      [-9, 0, 1],
      [-6, 3, 1],
      [-3, 6, 1],
    ]);
  });
});

describe('WindowOperator: reduce and process', () => {
  it('emits the reduced element itself for a window reduce', () => {
    const h = new EventTimeHarness(
      (ctx) =>
        new WindowOperator(
          { assigner: Windows.tumbling(10), allowedLateness: 0, key: (r: Ev) => r.k },
          reduceContents((a: Ev, b: Ev) => ({ ...a, v: (a.v ?? 0) + (b.v ?? 0) })),
          ctx,
        ),
      { timestamp: (r: Ev) => r.t },
    );
    h.send(e('a', 1, 2), e('a', 3, 5), e('a', 12, 1)).end();
    expect(h.outputRows()).toEqual([e('a', 1, 7), e('a', 12, 1)]);
  });

  it('retracts the value it emitted when a mutating window reducer re-fires a late window', async () => {
    const env = new StreamEnvironment();
    const input: [string, number, number][] = [
      ['a', 1, 5],
      ['w', 0, 20],
      ['a', 2, 6],
    ];
    const changes = await env
      .fromArray(input)
      .withWatermarks({ timestamp: (r) => r[2] })
      .keyBy(0)
      .window(Windows.tumbling(10))
      .allowedLateness(100)
      .reduce((v1, v2) => {
        v1[1] += v2[1];
        return v1;
      })
      .changelog()
      .collect();
    expect(changes).toEqual([
      { op: '+I', value: ['a', 1, 5] },
      { op: '-U', value: ['a', 1, 5] },
      { op: '+U', value: ['a', 3, 5] },
      { op: '+I', value: ['w', 0, 20] },
    ]);
    expect(input[0]).toEqual(['a', 1, 5]);
  });

  it('hands a process function the key, the window, the current watermark and every element', () => {
    const calls: [unknown, ProcessWindowContext, Ev[]][] = [];
    const h = new OperatorHarness(
      (ctx) =>
        new WindowOperator(
          { assigner: Windows.tumbling(10), allowedLateness: 0, key: (r: Ev) => r.k },
          processContents((key, c, elements, out) => {
            calls.push([key, c, elements as Ev[]]);
            out.collect(`${String(key)}:${elements.length}`);
            out.collect('second');
          }),
          ctx,
        ),
    );
    h.pushWithTimestamps([
      [e('a', 1), 1],
      [e('a', 4), 4],
    ]);
    h.watermark(9);
    expect(h.outputRows()).toEqual(['a:2', 'second']);
    expect(calls).toEqual([['a', { window: { start: 0, end: 10 }, currentWatermark: 9 }, [e('a', 1), e('a', 4)]]]);
  });

  it('wraps a process function that throws when a watermark fires it in USER_FUNCTION_FAILED', () => {
    const h = new OperatorHarness(
      (ctx) =>
        new WindowOperator(
          { assigner: Windows.tumbling(10), allowedLateness: 0, key: (r: Ev) => r.k },
          processContents(() => {
            throw new Error('cannot');
          }),
          ctx,
        ),
    );
    h.pushWithTimestamps([[e('a', 1), 1]]);
    let error: unknown;
    try {
      h.watermark(9);
    } catch (x) {
      error = x;
    }
    expect(error).toBeInstanceOf(RivuletError);
    expect((error as RivuletError).code).toBe('USER_FUNCTION_FAILED');
    expect((error as RivuletError).message).toContain('cannot');
  });
});

describe('WindowOperator: processing time', () => {
  it('assigns elements by the clock when they arrive and fires when the clock reaches end - 1', () => {
    const h = new OperatorHarness(windowAggregate(Windows.tumbling(1000, { time: 'processing' })));
    h.push([e('a', 0)]);
    h.advanceProcessingTime(500).push([e('a', 0)]);
    h.advanceProcessingTime(498);
    expect(h.output()).toEqual([]);
    h.advanceProcessingTime(1); // 999
    expect(h.outputRows()).toEqual([win('a', 0, 1000, 2)]);
    h.advanceProcessingTime(1).push([e('a', 0), e('b', 0)]);
    h.advanceProcessingTime(5000);
    expect(h.drain().slice(1)).toEqual([
      { op: '+I', row: win('a', 1000, 2000, 1) },
      { op: '+I', row: win('b', 1000, 2000, 1) },
    ]);
    h.finish();
    expect(h.ended).toBe(true);
    expect(h.late()).toEqual([]);
  });

  it('fires what is left at the end of input', () => {
    const h = new OperatorHarness(windowAggregate(Windows.tumbling(1000, { time: 'processing' })));
    h.advanceProcessingTime(1234).push([e('a', 0)]).finish();
    expect(h.outputRows()).toEqual([win('a', 1000, 2000, 1)]);
  });
});

describe('Windows through the public API', () => {
  const bids = [
    { auction: 1, price: 10, t: 1_000 },
    { auction: 2, price: 20, t: 1_500 },
    { auction: 1, price: 30, t: 2_500 },
    { auction: 1, price: 5, t: 1_999 },
    { auction: 2, price: 7, t: 9_000 },
    { auction: 1, price: 1, t: 500 },
  ];

  it('computes tumbling event-time aggregates with late elements in lateOutput()', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const result = env
      .fromArray(bids)
      .withWatermarks({ timestamp: 't', maxOutOfOrderness: 500 })
      .keyBy('auction')
      .window(Windows.tumbling(1000))
      .aggregate({ bids: agg.count(), top: agg.max('price') });
    const late: unknown[] = [];
    result.lateOutput().addSink((r) => late.push(r));
    const rows = await result.collect();
    const sorted = [...rows].sort((a, b) => a.key - b.key || a.windowStart - b.windowStart);
    // t = 2500 moves the watermark to 1999, which fires [1000, 2000): the record at 1999 that follows is late.
    expect(sorted).toEqual([
      { key: 1, windowStart: 1000, windowEnd: 2000, bids: 1, top: 10 },
      { key: 1, windowStart: 2000, windowEnd: 3000, bids: 1, top: 30 },
      { key: 2, windowStart: 1000, windowEnd: 2000, bids: 1, top: 20 },
      { key: 2, windowStart: 9000, windowEnd: 10000, bids: 1, top: 7 },
    ]);
    expect(late).toEqual([
      { auction: 1, price: 5, t: 1_999 },
      { auction: 1, price: 1, t: 500 },
    ]);
  });

  it('collect() of a window with allowed lateness returns each window once, with its last result', async () => {
    const env = new StreamEnvironment();
    const result = env
      .fromArray(bids)
      .withWatermarks({ timestamp: 't' })
      .keyBy('auction')
      .window(Windows.tumbling(1000))
      .allowedLateness(1000)
      .aggregate({ bids: agg.count() });
    const final = await result.collect();
    expect(final).toEqual([
      { key: 1, windowStart: 1000, windowEnd: 2000, bids: 2 },
      { key: 2, windowStart: 1000, windowEnd: 2000, bids: 1 },
      { key: 1, windowStart: 2000, windowEnd: 3000, bids: 1 },
      { key: 2, windowStart: 9000, windowEnd: 10000, bids: 1 },
    ]);
    const changes = await result.changelog().collect();
    expect(changes).toEqual([
      { op: '+I', key: 1, windowStart: 1000, windowEnd: 2000, bids: 1 },
      { op: '+I', key: 2, windowStart: 1000, windowEnd: 2000, bids: 1 },
      { op: '-U', key: 1, windowStart: 1000, windowEnd: 2000, bids: 1 },
      { op: '+U', key: 1, windowStart: 1000, windowEnd: 2000, bids: 2 },
      { op: '+I', key: 1, windowStart: 2000, windowEnd: 3000, bids: 1 },
      { op: '+I', key: 2, windowStart: 9000, windowEnd: 10000, bids: 1 },
    ]);
  });

  it('collects the late-data output on its own', async () => {
    const env = new StreamEnvironment({ parallelism: 3 });
    const late = await env
      .fromElements({ k: 1, t: 100 }, { k: 2, t: 5 }, { k: 1, t: 50 }, { k: 3, t: 150 }, { k: 3, t: 1 })
      .withWatermarks({ timestamp: 't' })
      .keyBy('k')
      .window(Windows.tumbling(10))
      .aggregate({ n: agg.count() })
      .lateOutput()
      .collect();
    expect([...late].sort((a, b) => a.t - b.t)).toEqual([
      { k: 3, t: 1 },
      { k: 2, t: 5 },
      { k: 1, t: 50 },
    ]);
  });

  it('cascades event-time windows: results carry their window max timestamp as event time', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const rows = await env
      .fromArray(Array.from({ length: 40 }, (_, i) => ({ k: i % 2 === 0 ? 'x' : 'y', t: i * 100 })))
      .withWatermarks({ timestamp: 't' })
      .keyBy('k')
      .window(Windows.tumbling(1000))
      .aggregate({ n: agg.count() })
      .windowAll(Windows.tumbling(2000))
      .aggregate({ total: agg.sum('n'), windows: agg.count() })
      .collect();
    expect(rows).toEqual([
      { windowStart: 0, windowEnd: 2000, total: 20, windows: 4 },
      { windowStart: 2000, windowEnd: 4000, total: 20, windows: 4 },
    ]);
  });

  it('wraps a process function that throws at the end of input in USER_FUNCTION_FAILED', async () => {
    const env = new StreamEnvironment();
    const s = env
      .fromElements({ k: 'a', t: 1 })
      .withWatermarks({ timestamp: 't' })
      .keyBy('k')
      .window(Windows.tumbling(10))
      .process(() => {
        throw new Error('cannot');
      });
    await expect(s.collect()).rejects.toMatchObject({ code: 'USER_FUNCTION_FAILED' });
  });
});
