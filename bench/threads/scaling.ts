// Scaling of executor 'threads' from one core to two: Nexmark bids, pre-generated (generation excluded),
// through a q5-like query (bids per auction over sliding windows of 10 s every 2 s) and a heavier keyed
// aggregate (per bidder, tumbling 10 s windows, six aggregates including a distinct count and a computed
// score). Each query runs at parallelism 1 on one thread, at parallelism 2 on one thread, and at parallelism
// 2 on worker threads; events/s is the median of the runs, wall time from execute() to the end of the job,
// worker startup included. Results are checked equal across the three runs.
// Run: npm run bench:threads [-- --events N --runs R]
import { StreamEnvironment, Windows, agg, nexmark, type Bid, type ExecutorKindOption } from './scaling-env.ts';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const EVENTS = flag('events', 1_000_000);
const RUNS = flag('runs', 3);

type Query = (env: StreamEnvironment, bids: Bid[], sink: (row: unknown) => void) => void;

const queries: Record<string, Query> = {
  'q5-like: sliding count per auction': (env, bids, sink) => {
    env.fromArray(bids).withWatermarks({ timestamp: 'dateTime' }).keyBy('auction').window(Windows.sliding(10_000, 2_000))
      .aggregate({ bids: agg.count() }).addSink(sink);
  },
  'heavier: 6 aggregates per bidder, tumbling': (env, bids, sink) => {
    env.fromArray(bids).withWatermarks({ timestamp: 'dateTime' }).keyBy('bidder').window(Windows.tumbling(10_000))
      .aggregate({
        n: agg.count(),
        total: agg.sum('price'),
        avg: agg.avg('price'),
        hi: agg.max('price'),
        auctions: agg.countDistinct('auction'),
        score: agg.sum((b: Bid) => Math.sqrt(b.price) * Math.log1p(b.bidder % 1000) + Math.sin(b.dateTime % 360)),
      })
      .addSink(sink);
  },
};

const settings: { label: string; parallelism: number; executor: ExecutorKindOption }[] = [
  { label: 'p=1 single', parallelism: 1, executor: 'single' },
  { label: 'p=2 single', parallelism: 2, executor: 'single' },
  { label: 'p=2 threads', parallelism: 2, executor: 'threads' },
];

async function once(query: Query, bids: Bid[], parallelism: number, executor: ExecutorKindOption): Promise<{ ms: number; digest: number }> {
  const env = new StreamEnvironment({ parallelism, executor, batchSize: 1024 });
  let digest = 0;
  query(env, bids, (row) => {
    const r = row as Record<string, number>;
    digest = (digest + (r.key ?? 0) * 31 + (r.windowEnd ?? 0) + (r.bids ?? r.n ?? 0) * 7) % 1_000_000_007;
  });
  const start = performance.now();
  await env.execute('scaling');
  return { ms: performance.now() - start, digest };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const t0 = performance.now();
const gen = nexmark.bids({ seed: 42 });
const bids = Array.from({ length: EVENTS }, (_, i) => gen.at(i));
console.log(`${EVENTS} bids pre-generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs each (median); ${new Date().toISOString()}`);
console.log(`load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')} on ${(await import('node:os')).availableParallelism()} cores`);

for (const [name, query] of Object.entries(queries)) {
  console.log(`\n${name}`);
  let base = 0;
  let digest: number | undefined;
  for (const s of settings) {
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const { ms, digest: d } = await once(query, bids, s.parallelism, s.executor);
      if (digest === undefined) digest = d;
      else if (d !== digest) throw new Error(`${name} ${s.label}: results differ (digest ${d} vs ${digest})`);
      times.push(ms);
    }
    const eps = EVENTS / (median(times) / 1000);
    if (s.label === 'p=1 single') base = eps;
    const runs = times.map((t) => t.toFixed(0)).join(', ');
    console.log(`  ${s.label.padEnd(12)} ${(eps / 1e6).toFixed(2).padStart(6)} M events/s   ×${(eps / base).toFixed(2)}   (runs: ${runs} ms)`);
  }
}
