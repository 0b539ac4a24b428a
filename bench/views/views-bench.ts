// The views part of `npm run bench`: what a live view costs the pipeline it watches. Three pipelines over
// the same pre-generated bids (q0 pass-through: an append-only view of the last 1000 rows; a rolling count
// and max per auction: a keyed changelog, two changes per bid; a sliding-window count per auction: window
// results keyed by key and windowStart), each run as fast as it goes on the wall clock, so that the view
// refreshes (renders HTML and text of its top 20 rows) every 250 ms as it would live:
//   - baseline: the pipeline into a counting sink (addSink);
//   - + second sink: the same plus a no-op addSink (what any second consumer costs the executor: fan-out);
//   - + view: the same plus a view (the figure the issue asks about);
//   - view as the sink: a view instead of the counting sink.
// Then the rolling pipeline paced at 1M events/s (a live source): the events/s it keeps up with and the
// CPU it takes, with and without a view. Variants are interleaved run by run; medians are reported.
import { StreamEnvironment, Windows, agg, nexmark, type Bid, type DataStream, type DisplayTarget } from '../../runtime/index.ts';

export interface ViewsRow {
  readonly measure: string;
  readonly value: string;
  readonly goal: string;
}

type Pipeline = 'q0' | 'rolling' | 'window';
type Variant = 'baseline' | 'second sink' | 'view' | 'view as sink';
const VARIANTS: readonly Variant[] = ['baseline', 'second sink', 'view', 'view as sink'];

const TITLES: Record<Pipeline, string> = {
  q0: 'q0 pass-through, bids ×10 (append-only view, last 1000 rows)',
  rolling: 'rolling count+max per auction (keyed changelog view)',
  window: 'sliding 10 s/2 s count per auction (window-result view)',
};

/** A display target that takes every update and drops it: the rendering is paid, nothing is printed. */
const discard: DisplayTarget = { show() {}, update() {} };

function query(p: Pipeline, s: DataStream<Bid>): DataStream<unknown> {
  if (p === 'q0') return s as DataStream<unknown>;
  if (p === 'rolling') return s.keyBy((b) => b.auction).aggregate({ n: agg.count(), top: agg.max('price') }) as DataStream<unknown>;
  return s
    .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 0 })
    .keyBy((b) => b.auction)
    .window(Windows.sliding(10_000, 2_000))
    .aggregate({ n: agg.count() }) as unknown as DataStream<unknown>;
}

async function once(all: { bids: readonly Bid[]; repeated: readonly Bid[] }, p: Pipeline, v: Variant): Promise<number> {
  // q0 is so cheap that one pass over the bids takes a few ms: it runs over them 10 times, so that a run
  // lasts long enough for the view to refresh as it would on a live stream.
  const bids = p === 'q0' ? all.repeated : all.bids;
  const env = new StreamEnvironment();
  const out = query(p, env.fromArray(bids));
  let rows = 0;
  if (v !== 'view as sink') out.addSink(() => void rows++);
  if (v === 'second sink') out.addSink(() => {});
  if (v === 'view' || v === 'view as sink') out.view({ name: 'bench', topN: 20, display: discard });
  const t = performance.now();
  await env.execute(`views bench ${p}`);
  return bids.length / ((performance.now() - t) / 1000);
}

/** The rolling pipeline from a source paced at `eps` events/s on the wall clock: achieved events/s and CPU share. */
async function paced(bids: readonly Bid[], count: number, eps: number, withView: boolean): Promise<{ eps: number; cpu: number }> {
  const env = new StreamEnvironment();
  const n = bids.length;
  const out = query('rolling', env.fromGenerator((i) => bids[i % n] as Bid, { eventsPerSecond: eps, count, name: 'paced bids' }));
  out.addSink(() => {});
  if (withView) out.view({ name: 'bench', topN: 20, display: discard });
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  await env.execute('views bench paced');
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  return { eps: count / (wall / 1000), cpu: (cpu.user + cpu.system) / 1000 / wall };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (x: number): string => `${x >= 0 ? '' : '−'}${Math.abs(x * 100).toFixed(1)} %`;

export interface ViewsBenchResult {
  readonly rows: ViewsRow[];
  /** events/s per pipeline and variant (medians), and the paced run. */
  readonly data: Record<string, unknown>;
}

export async function runViewsBench(quick: boolean, log: (s: string) => void): Promise<ViewsBenchResult> {
  const events = quick ? 200_000 : 1_000_000;
  const runs = quick ? 3 : 7;
  const gen = nexmark.bids({ seed: 7 });
  const bids = Array.from({ length: events }, (_, i) => gen.at(i));
  const all = { bids, repeated: Array.from({ length: 10 * events }, (_, i) => bids[i % events] as Bid) };
  const rows: ViewsRow[] = [];
  const data: Record<string, unknown> = { events, runs };
  for (const p of ['q0', 'rolling', 'window'] as const) {
    log(`views: ${p} with and without a view ...`);
    const samples: Record<Variant, number[]> = { baseline: [], 'second sink': [], view: [], 'view as sink': [] };
    for (const v of VARIANTS) await once(all, p, v); // warm-up
    for (let r = 0; r < runs; r++) for (const v of VARIANTS) samples[v].push(await once(all, p, v));
    const m = Object.fromEntries(VARIANTS.map((v) => [v, median(samples[v])])) as Record<Variant, number>;
    data[p] = m;
    const slow = (v: Variant): number => 1 - m[v] / m.baseline;
    rows.push({ measure: `${TITLES[p]}: baseline (counting sink)`, value: `${fmt(m.baseline)} events/s`, goal: '' });
    rows.push({ measure: '  + a second no-op sink (executor fan-out alone)', value: `${fmt(m['second sink'])} events/s`, goal: `slowdown ${pct(slow('second sink'))}` });
    rows.push({ measure: '  + a view (refresh 250 ms, top 20)', value: `${fmt(m.view)} events/s`, goal: `slowdown ${pct(slow('view'))} (issue: ≤ 10 %)` });
    rows.push({ measure: '  a view instead of the counting sink', value: `${fmt(m['view as sink'])} events/s`, goal: `slowdown ${pct(slow('view as sink'))}` });
  }
  const eps = 1_000_000;
  log('views: rolling pipeline paced at 1M events/s with and without a view ...');
  const count = quick ? 500_000 : 2_000_000;
  const without: { eps: number; cpu: number }[] = [];
  const withView: { eps: number; cpu: number }[] = [];
  for (let r = 0; r < (quick ? 1 : 3); r++) {
    without.push(await paced(bids, count, eps, false));
    withView.push(await paced(bids, count, eps, true));
  }
  const w0 = { eps: median(without.map((x) => x.eps)), cpu: median(without.map((x) => x.cpu)) };
  const w1 = { eps: median(withView.map((x) => x.eps)), cpu: median(withView.map((x) => x.cpu)) };
  data.paced = { target: eps, events: count, without: w0, withView: w1 };
  rows.push({ measure: `rolling, source paced at ${fmt(eps)} events/s: without a view`, value: `${fmt(w0.eps)} events/s`, goal: `CPU ${pct(w0.cpu)}` });
  rows.push({
    measure: `rolling, source paced at ${fmt(eps)} events/s: with a view`,
    value: `${fmt(w1.eps)} events/s`,
    goal: `CPU ${pct(w1.cpu)}; rate ${pct(1 - w1.eps / w0.eps)} below (issue: ≤ 10 %)`,
  });
  return { rows, data };
}

export function renderViewsTable(rows: ViewsRow[]): string {
  const w = Math.max(...rows.map((r) => r.measure.length));
  const v = Math.max(...rows.map((r) => r.value.length));
  return rows.map((r) => `${r.measure.padEnd(w)}  ${r.value.padStart(v)}  ${r.goal}`.trimEnd()).join('\n');
}
