// Scaling of executor 'threads' from one core to two: Nexmark bids through a q5-like query (bids per auction over
// sliding windows of 10 s every 2 s) and a heavier keyed aggregate (per bidder, tumbling 10 s windows, six
// aggregates including a distinct count and a CPU-heavy computed score standing for real per-record work). Each
// query runs at parallelism 1 on one thread, at parallelism 2 on one thread, and at parallelism 2 on worker threads; events/s is the median of the runs, wall time from execute() to the end of the job,
// worker startup included; CPU is the process's CPU time (every thread) per event, which shows the cost of
// crossing threads even when other processes share the cores; the busiest thread's CPU time (thread-cpu.ts) is the
// run's critical path, so its ratio to one thread's projects the speed-up on idle cores. Results are checked equal
// across the runs.
// Two sources: 'array' reads the pre-generated bids with fromArray (too many rows to copy into the workers, so
// the main thread reads them and sends rows to the workers), 'generator' generates them in the source with
// fromGenerator(nexmark.bids(...)) (every worker generates them itself and keeps its partitions' rows; the
// extra setting 'p=2 threads, sources on main' turns that off for comparison).
// Run: npm run bench:threads [-- --events N --runs R --batch N --sources array,generator --queries q5,heavier]
import { threadCpu } from './thread-cpu.ts';
import { StreamEnvironment, Windows, agg, nexmark, setSourceReplication, type Bid, type DataStream, type ExecutorKindOption } from './scaling-env.ts';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const EVENTS = flag('events', 1_000_000);
const RUNS = flag('runs', 3);
const BATCH = flag('batch', 0);
const list = (name: string, dflt: string): string[] => {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? (args[i + 1] as string) : dflt).split(',');
};
const SOURCES = list('sources', 'array,generator');
const QUERIES = list('queries', 'q5,heavier');

type Source = (env: StreamEnvironment) => DataStream<Bid>;
type Query = (env: StreamEnvironment, source: Source, sink: (row: unknown) => void) => void;

const queries: Record<string, Query> = {
  'q5-like: sliding count per auction': (env, source, sink) => {
    source(env).withWatermarks({ timestamp: 'dateTime' }).keyBy('auction').window(Windows.sliding(10_000, 2_000))
      .aggregate({ bids: agg.count() }).addSink(sink);
  },
  'heavier: 6 aggregates per bidder, tumbling, CPU-heavy score': (env, source, sink) => {
    source(env).withWatermarks({ timestamp: 'dateTime' }).keyBy('bidder').window(Windows.tumbling(10_000))
      .aggregate({
        n: agg.count(),
        total: agg.sum('price'),
        avg: agg.avg('price'),
        hi: agg.max('price'),
        auctions: agg.countDistinct('auction'),
        // Stands for real per-record work (a model, a parser): about 5 µs of floating-point math per bid.
        score: agg.sum((b: Bid) => {
          let x = b.price % 1000;
          for (let i = 0; i < 200; i++) x = Math.sqrt(x * 1.0001 + i) + Math.sin(x);
          return x;
        }),
      })
      .addSink(sink);
  },
};

interface Setting {
  readonly label: string;
  readonly parallelism: number;
  readonly executor: ExecutorKindOption;
  readonly replicate?: boolean;
}

const settings: Setting[] = [
  { label: 'p=1 single', parallelism: 1, executor: 'single' },
  { label: 'p=2 single', parallelism: 2, executor: 'single' },
  { label: 'p=2 threads', parallelism: 2, executor: 'threads' },
];
const mainSources: Setting = { label: 'p=2 threads, sources on main', parallelism: 2, executor: 'threads', replicate: false };

interface Run {
  readonly ms: number;
  /** CPU time of the whole process (every thread) during the run. */
  readonly cpuMs: number;
  /** CPU time of the busiest thread: the run's wall time on idle cores. */
  readonly busiestMs: number;
  readonly digest: number;
}

async function once(query: Query, source: Source, s: Setting): Promise<Run> {
  // Each executor's default batch size (1024 on one thread, 4096 on worker threads), unless --batch N.
  const env = new StreamEnvironment({ parallelism: s.parallelism, executor: s.executor, ...(BATCH > 0 ? { batchSize: BATCH } : {}) });
  setSourceReplication(s.replicate ?? true);
  let digest = 0;
  query(env, source, (row) => {
    const r = row as Record<string, number>;
    digest = (digest + (r.key ?? 0) * 31 + (r.windowEnd ?? 0) + (r.bids ?? r.n ?? 0) * 7) % 1_000_000_007;
  });
  const cpu = process.cpuUsage();
  const threads = threadCpu();
  const start = performance.now();
  await env.execute('scaling');
  setSourceReplication(true);
  const used = process.cpuUsage(cpu);
  const busiestMs = threads()[0] ?? NaN;
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, busiestMs, digest };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const t0 = performance.now();
const gen = nexmark.bids({ seed: 42 });
const bids = Array.from({ length: EVENTS }, (_, i) => gen.at(i));
console.log(`${EVENTS} bids pre-generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs each (median); ${new Date().toISOString()}`);
console.log(`load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')} on ${(await import('node:os')).availableParallelism()} cores`);

const sources: Record<string, Source> = {
  array: (env) => env.fromArray(bids),
  generator: (env) => env.fromGenerator(nexmark.bids({ seed: 42 }), { count: EVENTS }),
};

async function measure(name: string, query: Query, source: Source, s: Setting, digest: { value?: number }): Promise<number> {
  const times: number[] = [];
  const cpu: number[] = [];
  const busiest: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const { ms, cpuMs, busiestMs, digest: d } = await once(query, source, s);
    busiest.push(busiestMs);
    if (digest.value === undefined) digest.value = d;
    else if (d !== digest.value) throw new Error(`${name} ${s.label}: results differ (digest ${d} vs ${digest.value})`);
    times.push(ms);
    cpu.push(cpuMs);
  }
  const eps = EVENTS / (median(times) / 1000);
  const cpuPerEvent = ((median(cpu) * 1000) / EVENTS).toFixed(2);
  return report(s.label, eps, cpuPerEvent, median(busiest), times);
}

let base = 0;
let baseBusiest = 0;
function report(label: string, eps: number, cpuPerEvent: string, busiestMs: number, times: number[]): number {
  if (label === 'p=1 single') {
    base = eps;
    baseBusiest = busiestMs;
  }
  const runs = times.map((t) => t.toFixed(0)).join(', ');
  console.log(
    `  ${label.padEnd(30)} ${(eps / 1e6).toFixed(2).padStart(6)} M events/s   ×${(eps / base).toFixed(2)}   ` +
      `CPU ${cpuPerEvent} µs/event, all threads; busiest thread ${busiestMs.toFixed(0)} ms CPU (×${(baseBusiest / busiestMs).toFixed(2)} on idle cores)   (runs: ${runs} ms)`,
  );
  return eps;
}

for (const [name, query] of Object.entries(queries)) {
  if (!QUERIES.some((q) => name.startsWith(q))) continue;
  // Every source and setting must give the same results: one digest per query.
  const digest: { value?: number } = {};
  for (const sourceName of SOURCES) {
    const source = sources[sourceName] as Source;
    console.log(`\n${name}, source ${sourceName}`);
    for (const s of sourceName === 'generator' ? [...settings, mainSources] : settings) await measure(name, query, source, s, digest);
  }
}
