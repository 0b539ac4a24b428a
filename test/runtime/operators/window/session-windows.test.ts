import { describe, expect, it } from 'vitest';
import { EventTimeHarness, OperatorHarness } from '../../../helpers/operator-harness.ts';
import { WindowOperator } from '../../../../runtime/operators/window/window-operator.ts';
import { aggregateContents } from '../../../../runtime/operators/window/window-contents.ts';
import { AggregateSet } from '../../../../runtime/operators/aggregates/aggregate-set.ts';
import type { OperatorContext } from '../../../../runtime/exec/operator.ts';
import { agg, StreamEnvironment, Windows } from '../../../../runtime/index.ts';

interface Ev {
  k: string;
  t: number;
  v: number;
}
const e = (k: string, t: number, v = 1): Ev => ({ k, t, v });
const session = (key: string, windowStart: number, windowEnd: number, n: number, sum = n) => ({ key, windowStart, windowEnd, n, sum });

function sessions(gap: number, lateness = 0) {
  const aggs = new AggregateSet({ n: agg.count(), sum: agg.sum('v') });
  return (ctx: OperatorContext) =>
    new WindowOperator({ assigner: Windows.session(gap), allowedLateness: lateness, key: (r: Ev) => r.k }, aggregateContents(aggs, true), ctx);
}

function eventTime(gap: number, opts: { maxOutOfOrderness?: number; lateness?: number } = {}) {
  return new EventTimeHarness(sessions(gap, opts.lateness ?? 0), {
    timestamp: (r: Ev) => r.t,
    maxOutOfOrderness: opts.maxOutOfOrderness ?? 0,
  });
}

const byKeyThenStart = (rows: ReturnType<typeof session>[]) =>
  [...rows].sort((a, b) => a.key.localeCompare(b.key) || a.windowStart - b.windowStart);

describe('Session windows', () => {
  it('grow a session [first, last + gap) while elements come within the gap', () => {
    const h = eventTime(10, { maxOutOfOrderness: 1000 });
    h.send(e('a', 0), e('a', 5), e('a', 12)).end();
    expect(h.outputRows()).toEqual([session('a', 0, 22, 3)]);
  });

  it('merge elements exactly gap apart into one session, since touching windows merge', () => {
    const h = eventTime(10, { maxOutOfOrderness: 1000 });
    h.send(e('a', 0), e('a', 10)).end();
    expect(h.outputRows()).toEqual([session('a', 0, 20, 2)]);
  });

  it('keep elements more than gap apart in separate sessions', () => {
    const h = eventTime(10, { maxOutOfOrderness: 1000 });
    h.send(e('a', 0), e('a', 11)).end();
    expect(h.outputRows()).toEqual([session('a', 0, 10, 1), session('a', 11, 21, 1)]);
  });

  it('merge two sessions when an out-of-order element bridges them', () => {
    const h = eventTime(10, { maxOutOfOrderness: 1000 });
    h.send(e('a', 0, 1), e('a', 18, 2), e('a', 9, 4)).end();
    expect(h.outputRows()).toEqual([session('a', 0, 28, 3, 7)]);
  });

  it('keep the sessions of different keys apart', () => {
    const h = eventTime(10, { maxOutOfOrderness: 1000 });
    h.send(e('a', 0), e('b', 5), e('a', 8), e('b', 40)).end();
    expect(byKeyThenStart(h.outputRows())).toEqual([session('a', 0, 18, 2), session('b', 5, 15, 1), session('b', 40, 50, 1)]);
  });

  it('fire when the watermark reaches the session end - 1', () => {
    const h = new OperatorHarness(sessions(10));
    h.pushWithTimestamps([
      [e('a', 0), 0],
      [e('a', 4), 4],
    ]);
    h.watermark(12);
    expect(h.output()).toEqual([]);
    h.watermark(13);
    expect(h.timedOutput()).toEqual([{ op: '+I', row: session('a', 0, 14, 2), ts: 13, wm: 12 }]);
  });

  it('start a new session for an element after the previous one fired', () => {
    const h = eventTime(10);
    h.send(e('a', 0), e('b', 10)); // watermark 9 fires a's [0, 10)
    expect(h.drain()).toEqual([{ op: '+I', row: session('a', 0, 10, 1) }]);
    h.send(e('a', 10)).end();
    expect(byKeyThenStart(h.drain<ReturnType<typeof session>>().map((c) => c.row))).toEqual([
      session('a', 10, 20, 1),
      session('b', 10, 20, 1),
    ]);
  });

  it('accept an element whose own window is late when it merges into a session that is not', () => {
    const h = eventTime(10);
    h.send(e('a', 100), e('w', 106)); // watermark 105; a's session [100, 110) is still open
    h.send(e('a', 95)); // its own [95, 105) is late (104 <= 105), but it touches [100, 110)
    expect(h.late()).toEqual([]);
    h.end();
    expect(byKeyThenStart(h.outputRows())).toEqual([session('a', 95, 110, 2), session('w', 106, 116, 1)]);
  });

  it('send an element to the late output when its window is late and it merges with nothing', () => {
    const h = eventTime(10);
    h.send(e('w', 106)); // watermark 105
    h.send(e('c', 95));
    expect(h.late()).toEqual([e('c', 95)]);
    expect(h.metrics.lateDropped).toBe(1);
  });

  it('retract a fired session and emit the extended one when a late element within lateness extends it', () => {
    const h = eventTime(10, { lateness: 50 });
    h.send(e('a', 0), e('w', 20)); // watermark 19 fires [0, 10)
    expect(h.drain()).toEqual([{ op: '+I', row: session('a', 0, 10, 1) }]);
    h.send(e('a', 8));
    expect(h.drain()).toEqual([
      { op: '-U', row: session('a', 0, 10, 1) },
      { op: '+U', row: session('a', 0, 18, 2) },
    ]);
  });

  it('retract both fired sessions when a late element merges them', () => {
    const h = eventTime(10, { lateness: 100 });
    h.send(e('a', 0), e('a', 15), e('w', 30)); // watermark 29 fires [0, 10) and [15, 25)
    expect(h.drain()).toEqual([
      { op: '+I', row: session('a', 0, 10, 1) },
      { op: '+I', row: session('a', 15, 25, 1) },
    ]);
    h.send(e('a', 9));
    expect(h.drain()).toEqual([
      { op: '-D', row: session('a', 15, 25, 1) },
      { op: '-U', row: session('a', 0, 10, 1) },
      { op: '+U', row: session('a', 0, 25, 3) },
    ]);
  });

  it('merge and fire by the clock in processing time', () => {
    const aggs = new AggregateSet({ n: agg.count(), sum: agg.sum('v') });
    const h = new OperatorHarness(
      (ctx) =>
        new WindowOperator(
          { assigner: Windows.session(100, { time: 'processing' }), allowedLateness: 0, key: (r: Ev) => r.k },
          aggregateContents(aggs, true),
          ctx,
        ),
    );
    h.push([e('a', 0)]);
    h.advanceProcessingTime(50).push([e('a', 0)]);
    h.advanceProcessingTime(49); // 99: the first element alone would have closed here
    expect(h.output()).toEqual([]);
    h.advanceProcessingTime(50); // 149
    expect(h.outputRows()).toEqual([session('a', 0, 150, 2)]);
  });

  it('collect() shows only the merged session once late updates are applied (public API)', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const rows = await env
      .fromArray([e('a', 0), e('a', 15), e('w', 30), e('a', 9), e('b', 3)])
      .withWatermarks({ timestamp: 't' })
      .keyBy('k')
      .window(Windows.session(10))
      .allowedLateness(100)
      .aggregate({ n: agg.count(), sum: agg.sum('v') })
      .collect();
    // b at 3 is behind the watermark (29) but within the allowed lateness: its session is kept.
    expect(byKeyThenStart(rows)).toEqual([session('a', 0, 25, 3), session('b', 3, 13, 1), session('w', 30, 40, 1)]);
  });
});
