// Lineage and explain: a hand-made recording whose window contents and late record are worked out by hand,
// explained row by row; lineage off keeps nothing and makes no lineage operator; what explain does not cover
// says so; the watermark timeline charts sources and operators.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, explain, type View } from '../../../runtime/index.ts';
import { LineageWindowOperator } from '../../../runtime/lineage/lineage-window-operator.ts';
import { lineageOf } from '../../../runtime/lineage/lineage-store.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-lineage-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Ev { k: string; v: number; t: number }
/** (arrival n, event time t, key, value): worked out below for tumbling windows of 10 s, no out-of-orderness. */
const EVENTS: [number, string, number][] = [
  [1000, 'a', 1],
  [5000, 'a', 2],
  [12000, 'a', 3], // watermark 11 999: window a@0 fires with 1 + 2
  [3000, 'a', 4], // late for a@0 (watermark 11 999 >= its max timestamp 9 999)
  [15000, 'b', 5],
  [25000, 'a', 6],
];
const path = join(work, 'hand.jsonl');
writeFileSync(
  path,
  [
    JSON.stringify({ rivulet: 'recording', version: 1, schema: { k: 'string', v: 'number', t: 'number' }, eventTime: true, maxOutOfOrderness: 0, createdAt: '2026-01-01T00:00:00.000Z' }),
    ...EVENTS.map(([t, k, v], n) => JSON.stringify({ t, n, e: { k, v, t } })),
  ].join('\n') + '\n',
);

function build(env: StreamEnvironment, late: boolean, lateness = 0): View<Record<string, unknown>> {
  let w = env.fromRecording<Ev>(path, { speed: Infinity }).keyBy((e) => e.k).window(Windows.tumbling(10_000));
  if (lateness > 0) w = w.allowedLateness(lateness);
  const agged = w.aggregate({ n: agg.count(), total: agg.sum('v') });
  if (late) agged.lateOutput().addSink(() => {});
  return agged.view({ name: 'sums', display: false }) as unknown as View<Record<string, unknown>>;
}

describe('explain', () => {
  it('lists the records counted in a window, the late one sent to the late output, and the watermark at firing', async () => {
    for (const parallelism of [1, 2]) {
      const env = new StreamEnvironment({ parallelism }).enableLineage();
      const view = build(env, true);
      env.replay.speed(Infinity);
    await env.replay.play();
      const e = explain(view, { key: 'a', windowStart: 0 });
      expect(e.windowEnd).toBe(10_000);
      expect(e.result).toEqual({ key: 'a', windowStart: 0, windowEnd: 10_000, n: 2, total: 3 });
      expect(e.watermarkAtFiring).toBe(11_999);
      expect(e.firings).toEqual([11_999]);
      expect(e.contributed.map((r) => [r.arrival, r.eventTime, r.watermark])).toEqual([[0, 1000, -Infinity], [1, 5000, 999]]);
      expect(e.contributed.map((r) => r.record)).toEqual([{ k: 'a', v: 1, t: 1000 }, { k: 'a', v: 2, t: 5000 }]);
      expect(e.late.map((r) => [r.arrival, r.eventTime, r.watermark, r.fate])).toEqual([[3, 3000, 11_999, 'late output']]);
      expect(e.rows().map((r) => r.role)).toEqual(['counted', 'counted', 'late: late output']);
      expect(e.text()).toContain('2 counted · 1 late · fired at watermark 11,999');
      expect(e.html()).toContain('<table');
      expect(e.table().numRows()).toBe(3);
      const b = explain(view, { key: 'b', windowStart: 10_000 });
      expect(b.contributed.map((r) => r.arrival)).toEqual([4]);
      expect(b.late).toEqual([]);
    }
  });

  it('says a late record was dropped when nobody reads the late output, and counts it within allowed lateness', async () => {
    const env = new StreamEnvironment().enableLineage();
    const view = build(env, false);
    env.replay.speed(Infinity);
    await env.replay.play();
    expect(explain(view, { key: 'a', windowStart: 0 }).late.map((r) => r.fate)).toEqual(['dropped']);

    const env2 = new StreamEnvironment().enableLineage();
    const view2 = build(env2, false, 5000);
    env2.replay.speed(Infinity);
    await env2.replay.play();
    const e = explain(view2, { key: 'a', windowStart: 0 });
    expect(e.contributed.map((r) => r.arrival)).toEqual([0, 1, 3]);
    expect(e.late).toEqual([]);
    expect(e.firings).toEqual([11_999, 11_999]);
    expect(e.result).toMatchObject({ n: 3, total: 7 });
  });

  it('explains a sliding window (kept as slices) with the records of its whole span', async () => {
    const env = new StreamEnvironment().enableLineage();
    const agged = env
      .fromRecording<Ev>(path, { speed: Infinity })
      .keyBy((e) => e.k)
      .window(Windows.sliding(10_000, 5_000))
      .aggregate({ n: agg.count(), total: agg.sum('v') });
    agged.lateOutput().addSink(() => {});
    const view = agged.view({ name: 'sliding-sums', display: false }) as unknown as View<Record<string, unknown>>;
    env.replay.speed(Infinity);
    await env.replay.play();
    // a@[5000, 15000): 5000 (v 2) and 12000 (v 3); 3000 came late for it and for a@[-5000, 5000).
    const e = explain(view, { key: 'a', windowStart: 5_000 });
    expect(e.result).toEqual({ key: 'a', windowStart: 5_000, windowEnd: 15_000, n: 2, total: 5 });
    expect(e.contributed.map((r) => r.arrival)).toEqual([1, 2]);
    expect(e.firings).toEqual([14_999]); // the watermark after b@15000
    const first = explain(view, { key: 'a', windowStart: -5_000 });
    expect(first.contributed.map((r) => r.arrival)).toEqual([0]);
    expect(first.late.map((r) => [r.arrival, r.fate])).toEqual([[3, 'late output']]);
  });

  it('explains the same after seeking back as a fresh replay to that point', async () => {
    const env = new StreamEnvironment().enableLineage();
    const view = build(env, true);
    env.replay.snapshotEvery = 2;
    env.replay.speed(Infinity);
    await env.replay.play();
    expect(env.replay.automaticSnapshots).toBeGreaterThanOrEqual(1);
    await env.replay.seek(11_999);
    expect(env.replay.state.position.events).toBe(2);
    const back = explain(view, { key: 'a', windowStart: 0 });
    expect(back.contributed.map((r) => r.arrival)).toEqual([0, 1]);
    expect(back.late).toEqual([]);
    expect(back.firings).toEqual([]);
    expect(back.result).toBeUndefined();
    await env.replay.step(2);
    const after = explain(view, { key: 'a', windowStart: 0 });
    expect(after.firings).toEqual([11_999]);
    expect(after.late.map((r) => r.arrival)).toEqual([3]);
    expect(after.result).toMatchObject({ n: 2, total: 3 });
  });

  it('refuses when lineage was off, keeping nothing and making no lineage operator', async () => {
    const env = new StreamEnvironment();
    const view = build(env, true);
    const { job, handle } = env.startJob('plain', {});
    expect(job.plan.instances.some((i) => i.op instanceof LineageWindowOperator)).toBe(false);
    await handle;
    expect(view.size).toBeGreaterThan(0);
    expect(lineageOf(env)).toBeUndefined();
    expect(() => explain(view, { key: 'a', windowStart: 0 })).toThrow(expect.objectContaining({ code: 'LINEAGE_OFF' }));
    expect(() => env.watermarkTimeline()).toThrow(expect.objectContaining({ code: 'LINEAGE_OFF' }));

    const on = new StreamEnvironment().enableLineage();
    build(on, true);
    const started = on.startJob('lineage', {});
    expect(started.job.plan.instances.some((i) => i.op instanceof LineageWindowOperator)).toBe(true);
    await started.handle;
  });

  it('says what it does not cover: views that are not of a keyed event-time window, and windows never seen', async () => {
    const env = new StreamEnvironment().enableLineage();
    const s = env.fromRecording<Ev>(path, { speed: Infinity });
    const plain = s.view({ name: 'raw', display: false });
    const sessions = s.keyBy((e) => e.k).window(Windows.session(3000)).aggregate({ n: agg.count() }).view({ name: 'sessions', display: false });
    const sums = build(env, false);
    await env.execute();
    expect(() => explain(plain, { key: 'a', windowStart: 0 })).toThrow(expect.objectContaining({ code: 'LINEAGE_UNSUPPORTED' }));
    expect(() => explain(sessions, { key: 'a', windowStart: 1000 })).toThrow(expect.objectContaining({ code: 'LINEAGE_UNSUPPORTED' }));
    expect(() => explain(sums, { key: 'a', windowStart: 5 })).toThrow(expect.objectContaining({ code: 'LINEAGE_NO_ROW', message: expect.stringContaining('0, 10000, 20000') }));
    expect(() => explain(sums, { key: 'a', windowStart: 'x' as unknown as number })).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });
});

describe('the watermark timeline', () => {
  it('charts the watermark of the source and of each operator against event time, as SVG', async () => {
    const env = new StreamEnvironment().enableLineage();
    build(env, false);
    env.replay.speed(Infinity);
    await env.replay.play();
    const chart = env.watermarkTimeline();
    const rows = chart.rows();
    const series = new Set(rows.map((r) => r.series));
    expect([...series].some((s) => s.startsWith('source: watermarks'))).toBe(true);
    expect([...series].some((s) => s.startsWith('window tumbling(10000)'))).toBe(true);
    // Event time 0 s is the first event (1 s); the watermark stays one ms behind the largest event time.
    const source = rows.filter((r) => r.series.startsWith('source:'));
    // The last event ends the input in the same read (watermark +Infinity): the line stops at 14 s.
    expect(source.map((r) => [r.eventTime, r.watermark])).toEqual([[0, -0.001], [4, 3.999], [11, 10.999], [14, 13.999]]);
    expect(rows.filter((r) => r.series === 'event time (max seen)').map((r) => r.eventTime)).toEqual([0, 24]);
    const spec = (await chart.spec()) as { mark: { type: string } };
    expect(spec.mark.type).toBe('line');
    expect(await chart.svg()).toMatch(/^<svg/);
    const bundle = await chart.mimeBundle();
    expect(bundle['image/svg+xml']).toContain('<svg');
  });
});
