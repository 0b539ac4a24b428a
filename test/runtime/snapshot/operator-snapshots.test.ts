// Operator-harness snapshot tests, for each stateful operator: process part of an input, snapshot, restore
// into a fresh operator, continue with the rest, and compare with an uninterrupted run — at every cut point.
import { describe, expect, it } from 'vitest';
import { OperatorHarness, type OperatorFactory } from '../../helpers/operator-harness.ts';
import { WindowOperator } from '../../../runtime/operators/window/window-operator.ts';
import { aggregateContents, processContents, reduceContents } from '../../../runtime/operators/window/window-contents.ts';
import { AggregateSet } from '../../../runtime/operators/aggregates/aggregate-set.ts';
import { RollingOperator } from '../../../runtime/operators/rolling-operator.ts';
import { reduceFold } from '../../../runtime/operators/keyed-reduce.ts';
import { aggregateFold } from '../../../runtime/operators/rolling-aggregate.ts';
import { WatermarkAssigner } from '../../../runtime/operators/watermark-assigner.ts';
import { TakeOperator } from '../../../runtime/operators/take.ts';
import { Windows, agg, type WindowAssigner } from '../../../runtime/index.ts';
import { randomStream, type StreamRecord } from '../../helpers/random-stream.ts';

type Step = (h: OperatorHarness) => void;

/** Batches of random records with per-row watermarks as the assigner computes them (out of order ≤ 8). */
function steps(seed: number, batches: number): Step[] {
  const records = randomStream(seed, { n: batches * 12, keys: 6, maxDelay: 15, lateFraction: 0.1, lateBy: 30 });
  const out: Step[] = [];
  let maxTs = -Infinity;
  let wm = -Infinity;
  for (let b = 0; b < batches; b++) {
    const chunk = records.slice(b * 12, b * 12 + 12);
    const ts: number[] = [];
    const wms: number[] = [];
    for (const r of chunk) {
      wms.push(wm);
      ts.push(r.ts);
      maxTs = Math.max(maxTs, r.ts);
      wm = Math.max(wm, maxTs - 9);
    }
    const end = wm;
    out.push((h) => h.push(chunk, { ts, wm: wms, wmEnd: end }));
  }
  out.push((h) => h.finish());
  return out;
}

function changes(h: OperatorHarness): { main: string[]; late: string[] } {
  return { main: h.output().map((c) => c.op + JSON.stringify(c.row)), late: h.late().map((r) => JSON.stringify(r)) };
}

function expectRestorable(factory: OperatorFactory, script: Step[]): void {
  const whole = new OperatorHarness(factory);
  for (const s of script) s(whole);
  const expected = changes(whole);
  expect(expected.main.length).toBeGreaterThan(0);
  for (let cut = 0; cut < script.length; cut++) {
    const first = new OperatorHarness(factory);
    for (const s of script.slice(0, cut)) s(first);
    const second = OperatorHarness.restore(factory, [first.snapshot()]);
    for (const s of script.slice(cut)) s(second);
    const a = changes(first);
    const b = changes(second);
    expect({ main: [...a.main, ...b.main], late: [...a.late, ...b.late] }, `cut at step ${cut}`).toEqual(expected);
  }
}

const key = (r: StreamRecord) => r.key;
const windowOp = (assigner: WindowAssigner, lateness: number): OperatorFactory => {
  const aggs = new AggregateSet({ n: agg.count(), s: agg.sum<StreamRecord>('value'), first: agg.first<StreamRecord, number>('id') });
  return (ctx) => new WindowOperator({ assigner, allowedLateness: lateness, key }, aggregateContents(aggs, true), ctx);
};

describe('stateful operators restore from a snapshot and continue as if never stopped', () => {
  it('tumbling windows with allowed lateness', () => expectRestorable(windowOp(Windows.tumbling(20), 10), steps(1, 12)));
  it('sliding windows', () => expectRestorable(windowOp(Windows.sliding(30, 10), 0), steps(2, 12)));
  it('session windows with allowed lateness', () => expectRestorable(windowOp(Windows.session(6), 12), steps(3, 12)));
  it('window process functions', () =>
    expectRestorable(
      (ctx) =>
        new WindowOperator(
          { assigner: Windows.tumbling(25), allowedLateness: 5, key },
          processContents((k, c, els, out) => out.collect({ k, start: c.window.start, ids: (els as StreamRecord[]).map((e) => e.id) })),
          ctx,
        ),
      steps(4, 10),
    ));
  it('window reduce', () =>
    expectRestorable(
      (ctx) => new WindowOperator({ assigner: Windows.tumbling(15), allowedLateness: 0, key }, reduceContents((a: StreamRecord, b: StreamRecord) => ({ ...a, value: a.value + b.value })), ctx),
      steps(5, 10),
    ));
  it('windowAll', () =>
    expectRestorable((ctx) => new WindowOperator({ assigner: Windows.tumbling(10), allowedLateness: 4, key: null }, aggregateContents(new AggregateSet({ n: agg.count() }), false), ctx), steps(6, 10)));
  it('keyed reduce', () => expectRestorable((ctx) => new RollingOperator(key, reduceFold((a: StreamRecord, b: StreamRecord) => ({ ...b, value: a.value + b.value })), ctx, true), steps(7, 8)));
  it('rolling aggregates', () =>
    expectRestorable((ctx) => new RollingOperator(key, aggregateFold(new AggregateSet({ n: agg.count(), hi: agg.max<StreamRecord>('value'), d: agg.distinct<StreamRecord, number>('value') })), ctx, true), steps(8, 8)));
  it('watermark assigners', () =>
    expectRestorable(
      (ctx) => new WatermarkAssigner({ timestamp: (r: StreamRecord) => r.ts, maxOutOfOrderness: 5, idleTimeout: undefined }, ctx.out, ctx.clock),
      steps(9, 8).map((s, i, all) => (i < all.length - 1 ? (h: OperatorHarness) => { const t = new OperatorHarness((c) => ({ process: (b) => c.out.push(b), finish: () => c.out.end() })); s(t); h.push(t.outputRows()); } : s)),
    ));
  it('take', () => expectRestorable((ctx) => new TakeOperator(30, ctx.out), steps(10, 8)));

  it('snapshots keyed state grouped by key group, with the timers', () => {
    const h = new OperatorHarness(windowOp(Windows.tumbling(20), 10));
    steps(11, 3)[0]?.(h);
    const snap = h.snapshot();
    const groups = snap.keyGroups.map((g) => g.kg);
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
    expect(snap.tables).toEqual(['window']);
    expect(snap.keyGroups.every((g) => g.table.every((t) => t === 0) && g.value.length === g.canonical.length)).toBe(true);
    expect(snap.eventTimers.canonical.length).toBeGreaterThan(0);
    expect(snap.operatorState).toEqual({ current: expect.any(Number) });
  });
});
