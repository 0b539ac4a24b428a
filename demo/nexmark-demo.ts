// The plain terminal demo (`rivulet demo`): Nexmark bids at a few thousand events per second flow through a
// keyed sliding window (hot auctions: bids per auction over 10 s, every 2 s), and the latest window's top
// auctions redraw in place as a text table with the job's progress. Ctrl-C stops it.
// `npm start` now opens the REPL on the richer demo in repl/demo/ with its dashboard.
//
// Options: --seconds N (stop after N seconds), --rate N (events per second), --parallelism N, --no-redraw
// (print each table below the last instead of redrawing: for logs and tests).
import { parseArgs } from 'node:util';
import { StreamEnvironment, Windows, agg, nexmark, renderTextTable } from '../runtime/index.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    rate: { type: 'string', default: '3000' },
    parallelism: { type: 'string', default: '2' },
    'no-redraw': { type: 'boolean', default: false },
  },
});
const rate = Number(values.rate);
const parallelism = Number(values.parallelism);
const redraw = !values['no-redraw'] && process.stdout.isTTY === true;

const env = new StreamEnvironment({ parallelism });
const bids = env
  .fromGenerator(nexmark.bids({ seed: 7, rate, baseTime: Date.now(), maxOutOfOrderMs: 500 }), { eventsPerSecond: rate })
  .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 1_000 });

type Hot = { key: number; windowStart: number; windowEnd: number; bids: number; top: number | null; avg: number | null };
let latestEnd = 0;
let latest: Hot[] = [];
bids
  .keyBy((b) => b.auction)
  .window(Windows.sliding(10_000, 2_000))
  .aggregate({ bids: agg.count(), top: agg.max((b) => b.price), avg: agg.avg((b) => b.price) })
  .addSink((row) => {
    if (row.windowEnd > latestEnd) {
      latestEnd = row.windowEnd;
      latest = [];
    }
    if (row.windowEnd === latestEnd) latest.push(row);
  });

const job = env.execute('nexmark hot auctions');
const started = Date.now();

function draw(): void {
  const m = job.metrics;
  const top = [...latest].sort((a, b) => b.bids - a.bids || a.key - b.key);
  const rows = top.map((r) => ({
    auction: String(r.key),
    bids: r.bids,
    'max price $': r.top === null ? null : r.top / 100,
    'avg price $': r.avg === null ? null : Math.round(r.avg) / 100,
  }));
  const when = latestEnd ? new Date(latestEnd).toISOString().slice(11, 19) : '—';
  const wm = Number.isFinite(m.watermark) ? new Date(m.watermark).toISOString().slice(11, 23) : '—';
  const text = [
    'Rivulet demo — Nexmark hot auctions (sliding window 10 s every 2 s, parallelism ' + parallelism + ')',
    `status ${job.status}  ·  events in ${m.eventsIn.toLocaleString('en-US')}  ·  ${m.eventsPerSecond.toLocaleString('en-US')} events/s  ·  watermark ${wm}  ·  late ${m.lateDropped}`,
    '',
    `Top auctions in the window ending ${when}:`,
    renderTextTable(rows, { limit: 10, total: rows.length, width: Math.min(process.stdout.columns ?? 100, 100) }),
    '',
    'Ctrl-C to stop.',
  ].join('\n');
  process.stdout.write(redraw ? '\x1b[H\x1b[2J' + text + '\n' : text + '\n\n');
}

const timer = setInterval(() => {
  draw();
  if (values.seconds !== undefined && Date.now() - started >= Number(values.seconds) * 1000) void stop();
}, 500);

async function stop(): Promise<void> {
  clearInterval(timer);
  const result = await job.stop();
  draw();
  console.log(`Stopped after ${(result.durationMs / 1000).toFixed(1)} s: ${result.metrics.eventsIn.toLocaleString('en-US')} events.`);
}

process.once('SIGINT', () => void stop());
await job.then(undefined, (e: unknown) => {
  clearInterval(timer);
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
