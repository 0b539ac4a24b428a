// Profiling aid: the q5-like query alone at p=2 on worker threads (or --single), for node --cpu-prof; --generator
// generates the bids in the source instead of reading a pre-generated array; BATCH=N sets the batch size (1024).

import { StreamEnvironment, Windows, agg, nexmark, type Bid } from './scaling-env.ts';

const EVENTS = Number(process.argv[2] ?? 500_000);
const executor = process.argv.includes('--single') ? 'single' : 'threads';
const gen = nexmark.bids({ seed: 42 });
const bids: Bid[] = Array.from({ length: EVENTS }, (_, i) => gen.at(i));
for (let r = 0; r < Number(process.env.RUNS ?? 3); r++) {
  const env = new StreamEnvironment({ parallelism: executor === 'single' ? 1 : 2, executor, batchSize: Number(process.env.BATCH ?? 1024) });
  let n = 0;
  const source = process.argv.includes('--generator') ? env.fromGenerator(nexmark.bids({ seed: 42 }), { count: EVENTS }) : env.fromArray(bids);
  source.withWatermarks({ timestamp: 'dateTime' }).keyBy('auction').window(Windows.sliding(10_000, 2_000))
    .aggregate({ bids: agg.count() }).addSink(() => n++);
  const cpu = process.cpuUsage();
  const t = performance.now();
  await env.execute('q5');
  const u = process.cpuUsage(cpu);
  console.log(`${executor}: ${(performance.now() - t).toFixed(0)} ms, main-process CPU ${((u.user + u.system) / EVENTS).toFixed(2)} µs/event, ${n} rows`);
}
