// Views through the public API: stream.view() and stream.chart() on real pipelines (parallelism 4, rolling
// aggregates, windows with late re-firings), env.view(name), a display target registered as a front end
// would, options checking, and a view carried through a snapshot and restore.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  StreamEnvironment,
  Windows,
  agg,
  nexmark,
  RivuletError,
  RecordingDisplayTarget,
  setDisplayTarget,
  VirtualClock,
  View,
  ChartView,
} from '../../../runtime/index.ts';
import { driveUntil } from '../../helpers/virtual-run.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-views-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => setDisplayTarget(null));

const sorted = (rows: unknown[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

const bids = (env: StreamEnvironment, count = 5000) =>
  env
    .fromGenerator(nexmark.bids({ seed: 3, maxOutOfOrderMs: 400 }), { count })
    .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 100 });

describe('views through the public API', () => {
  it('materializes a rolling aggregate at parallelism 4 into the table collect() returns', async () => {
    const env = new StreamEnvironment({ parallelism: 4 });
    const counts = bids(env).keyBy((b) => b.auction).aggregate({ n: agg.count(), top: agg.max('price') });
    const view = counts.view({ name: 'per auction', display: false });
    const rows = await counts.collect();
    expect(view.keyFields).toEqual(['key']);
    expect(view.size).toBe(rows.length);
    expect(sorted(view.rows())).toEqual(sorted(rows));
  });

  it('materializes windows with late re-firings (-U/+U) at parallelism 4 by key and windowStart', async () => {
    const env = new StreamEnvironment({ parallelism: 4 });
    const windows = bids(env)
      .keyBy((b) => b.auction % 50)
      .window(Windows.tumbling(200))
      .allowedLateness(300)
      .aggregate({ n: agg.count(), sum: agg.sum('price') });
    const view = windows.view({ name: 'windows', display: false });
    const ops: string[] = [];
    windows.changelog().addSink((r) => ops.push(r.op));
    const rows = await windows.collect();
    expect(ops).toContain('-U'); // late firings did update windows
    expect(view.keyFields).toEqual(['key', 'windowStart']);
    expect(sorted(view.rows())).toEqual(sorted(rows));
  });

  it('shows the top N rows by sortBy and keeps the whole table queryable as Arquero', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const counts = bids(env).keyBy((b) => b.bidder).aggregate({ n: agg.count() });
    const view = counts.view({ name: 'busy bidders', topN: 3, sortBy: 'n', display: false });
    const rows = await counts.collect();
    const expected = [...rows].sort((a, b) => b.n - a.n).slice(0, 3);
    expect(view.top().map((r) => r.n)).toEqual(expected.map((r) => r.n));
    const t = view.table();
    expect(t.numRows()).toBe(rows.length);
    expect(t.columnNames()).toEqual(['key', 'n']);
    expect(t.get('n', 0)).toBe(expected[0]?.n);
    expect(view.text()).toContain(`showing top 3 of ${rows.length} rows`);
  });

  it('gives a fresh table snapshot each time', async () => {
    const env = new StreamEnvironment();
    const view = env.fromElements({ key: 'a', v: 1 }).view({ name: 'v', display: false });
    const empty = view.table();
    await env.execute();
    expect(empty.numRows()).toBe(0);
    expect(view.table().objects()).toEqual([{ key: 'a', v: 1 }]);
    expect(view.table()).not.toBe(view.table());
  });

  it('keeps the last rows of an append-only stream, tuples as f0, f1', async () => {
    const env = new StreamEnvironment();
    const view = env.fromElements<[number, string]>([1, 'A'], [2, 'B'], [3, 'C']).view({ name: 'tuples', maxRows: 2, display: false });
    await env.execute();
    expect(view.rows()).toEqual([[2, 'B'], [3, 'C']]);
    expect(view.table().objects()).toEqual([{ f0: 2, f1: 'B' }, { f0: 3, f1: 'C' }]);
  });

  it('uses the key option over the inferred key', async () => {
    const env = new StreamEnvironment();
    const view = env
      .fromElements({ city: 'Oslo', temp: 3 }, { city: 'Rome', temp: 18 }, { city: 'Oslo', temp: 5 })
      .view({ name: 'latest per city', key: 'city', display: false });
    await env.execute();
    expect(view.rows()).toEqual([{ city: 'Oslo', temp: 5 }, { city: 'Rome', temp: 18 }]);
  });

  it('sends HTML and text to the display target a front end registered', async () => {
    const target = new RecordingDisplayTarget();
    setDisplayTarget(target);
    const env = new StreamEnvironment();
    const view = env
      .fromElements({ t: 1, word: '<b>' }, { t: 2, word: 'a&b' }, { t: 3, word: '<b>' })
      .keyBy('word')
      .aggregate({ n: agg.count() })
      .view({ name: 'words' });
    await env.execute();
    const calls = target.of(view.displayId);
    expect(calls[0]?.kind).toBe('show');
    expect(calls.at(-1)).toMatchObject({ kind: 'update', final: true });
    const last = target.latest(view.displayId) as Record<string, string>;
    expect(Object.keys(last).sort()).toEqual(['text/html', 'text/plain']);
    expect(last['text/html']).toContain('<td style="text-align:left">&lt;b&gt;</td><td style="text-align:right">2</td>');
    expect(last['text/plain']).toContain('words · finished · 3 events in');
    expect(last['text/plain']).toContain('2 rows');
  });

  it('finds views by name, and a second view with a name replaces the first', async () => {
    const env = new StreamEnvironment();
    const s = env.fromElements(1, 2, 3);
    const first = s.view({ name: 'numbers', display: false });
    const other = s.map((x) => x * 10).view({ name: 'tens', display: false });
    const second = s.filter((x) => x > 1).view({ name: 'numbers', display: false });
    expect(env.view('numbers')).toBe(second);
    expect(env.view('tens')).toBe(other);
    expect(env.views()).toEqual([other, second]);
    expect(first.retired).toBe(true);
    await env.execute();
    expect(second.rows()).toEqual([2, 3]);
    expect(first.rows()).toEqual([]);
    expect(() => env.view('nope')).toThrow(RivuletError);
    expect(() => env.view('nope')).toThrow('No view is named "nope" (views: tens, numbers).');
  });

  it('shows at most 50 rows when no topN is given, and keeps them all', async () => {
    const env = new StreamEnvironment();
    const view = env.fromGenerator((i) => ({ key: i, sq: i * i }), { count: 120 }).view({ name: 'squares', display: false });
    await env.execute();
    expect(view.size).toBe(120);
    expect(view.top()).toHaveLength(120);
    expect(view.text().split('\n')).toHaveLength(1 + 2 + 50 + 1);
    expect(view.text()).toContain('showing last 50 of 120 rows');
  });

  it('names views view1, view2, ... and charts chart1, ... when no name is given', () => {
    const env = new StreamEnvironment();
    const a = env.fromElements(1).view({ display: false });
    const b = env.fromElements(2).view({ display: false });
    expect([a.name, b.name]).toEqual(['view1', 'view2']);
    expect(env.fromElements({ key: 1, n: 2 }).chart({ display: false }).name).toBe('chart1');
    expect(env.explain()).toContain('view "view1"');
  });

  it('refuses bad options, naming the option', () => {
    const env = new StreamEnvironment();
    const s = env.fromElements(1);
    const bad: [unknown, RegExp][] = [
      [{ name: '' }, /view: name must be a non-empty string/],
      [{ topN: 0 }, /view: topN must be an integer of at least 1/],
      [{ refreshMs: -5 }, /view: refreshMs must be a non-negative number/],
      [{ key: 3 }, /view: key must be a field name/],
      [{ display: {} }, /view: display must be a display target/],
      [{ colour: 'red' }, /view: option colour must be one of name, key, topN/],
      ['hot', /view: the options must be an object/],
    ];
    for (const [options, message] of bad) expect(() => s.view(options as never)).toThrow(message);
    expect(() => s.chart({ name: 'c', size: 3 } as never)).toThrow(/chart: option size must be one of name, key, refreshMs, maxRows, display, x, y/);
    expect(() => s.chart({ mark: 'pie' } as never)).toThrow(/chart: mark must be one of/);
  });

  it('charts a windowed stream: a Vega-Lite spec and an SVG, updated as windows change', async () => {
    const target = new RecordingDisplayTarget();
    const env = new StreamEnvironment({ parallelism: 4 });
    const windows = bids(env, 3000)
      .keyBy((b) => b.auction % 6)
      .window(Windows.tumbling(500))
      .allowedLateness(300)
      .aggregate({ bids: agg.count() });
    const chart = windows.chart({ name: 'bids per window', x: 'windowEnd', y: 'bids', color: 'key', topN: 3, display: target });
    expect(chart).toBeInstanceOf(ChartView);
    expect(chart).toBeInstanceOf(View);
    const rows = await windows.collect();
    await chart.idle();
    const last = target.latest(chart.displayId) as Record<string, unknown>;
    expect(target.of(chart.displayId).at(-1)?.final).toBe(true);
    expect(String(last['image/svg+xml'])).toMatch(/^<svg/);
    const spec = last['application/vnd.vegalite.v5+json'] as { data: { values: Record<string, unknown>[] }; encoding: Record<string, { field?: string }> };
    expect(spec.encoding.x?.field).toBe('windowEnd');
    expect(spec.encoding.color?.field).toBe('key');
    // One point per (key, window) of the top 3 keys: updated windows moved their point, they did not add one.
    const keys = new Set(spec.data.values.map((v) => v.key));
    expect(keys.size).toBe(3);
    expect(spec.data.values.length).toBe(rows.filter((r) => keys.has(r.key)).length);
    expect(String(last['text/plain'])).toContain('bids per window · finished');
    expect(env.view('bids per window')).toBe(chart);
    expect((await chart.spec()) as unknown as typeof spec).toMatchObject({ encoding: spec.encoding });
  });

  it('restores a view from a snapshot: the restored run ends with the table of an uninterrupted run', async () => {
    const build = (env: StreamEnvironment) =>
      env
        .fromGenerator(nexmark.bids({ seed: 9, maxOutOfOrderMs: 200 }), { count: 6000, eventsPerSecond: 1000 })
        .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 100 })
        .keyBy((b) => b.auction % 20)
        .window(Windows.tumbling(300))
        .allowedLateness(200)
        .aggregate({ n: agg.count() })
        .view({ name: 'w', display: false });

    const clock = new VirtualClock(0);
    const whole = new StreamEnvironment({ parallelism: 2, clock });
    const expected = build(whole);
    const job = whole.execute();
    await driveUntil(clock, job);
    await job;

    const clock1 = new VirtualClock(0);
    const first = new StreamEnvironment({ parallelism: 2, clock: clock1 });
    build(first);
    const job1 = first.execute();
    await driveUntil(clock1, job1, 2500);
    const dir = join(work, 'view-snapshot');
    await first.snapshot(dir);
    await job1.stop();

    const clock2 = new VirtualClock(0);
    const second = new StreamEnvironment({ parallelism: 3, clock: clock2 });
    const restored = build(second);
    await second.restore(dir);
    const job2 = second.execute();
    await driveUntil(clock2, job2);
    await job2;
    expect(restored.size).toBe(expected.size);
    expect(sorted(restored.rows())).toEqual(sorted(expected.rows()));
  });
});
