// `npm run bench:batch` (--quick for 1M bids, --events N for any count): Nexmark bids through a windowed
// aggregate (bids and top price per auction per sliding window of 10 s every 2 s) three ways on the same
// pre-generated bids: the streaming engine (collect()), the DuckDB batch mode (collect({ engine: 'duckdb' }):
// compile, load through the appender, query) and hand-written DuckDB SQL over the same bids loaded the same
// way. Checks the three results agree, prints events/s and the ratios. Never part of `npm test`.
// Then the file cases (file-case.ts): the bids as a CSV file and as a recording (--files-only runs only those,
// --csv-only only the CSV file, --arrays-only skips them).
import { StreamEnvironment, Windows, agg, nexmark } from '../../runtime/index.ts';
import { fillBatch } from '../../runtime/generators/nexmark/index.ts';
import { duckdb, loadTable, queryRows } from '../../runtime/batch/duckdb-session.ts';
import { inferSchema } from '../../runtime/batch/schema.ts';
import { fileCase } from './file-case.ts';
import { best, checksum, timed } from './batch-measure.ts';

interface SlimBid {
  auction: number;
  price: number;
  dateTime: number;
}

const args = process.argv.slice(2);
const at = args.indexOf('--events');
const events = at >= 0 ? Number(args[at + 1]) : args.includes('--quick') ? 1_000_000 : 10_000_000;
const streamingEvents = Math.min(events, args.includes('--full-streaming') ? events : 2_000_000);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;

function bids(n: number): SlimBid[] {
  const gen = nexmark.bids({ seed: 7, count: n });
  const out: SlimBid[] = new Array(n);
  const buf: { auction: number; price: number; dateTime: number }[] = [];
  for (let from = 0; from < n; from += 65536) {
    const got = fillBatch(gen, from, 65536, buf);
    for (let i = 0; i < got; i++) {
      const b = buf[i] as SlimBid;
      out[from + i] = { auction: b.auction, price: b.price, dateTime: b.dateTime };
    }
  }
  return out;
}

function pipeline(data: SlimBid[]) {
  const env = new StreamEnvironment({ parallelism: 1 });
  return env
    .fromArray(data)
    .withWatermarks({ timestamp: 'dateTime', maxOutOfOrderness: 0 })
    .keyBy('auction')
    .window(Windows.sliding(10_000, 2_000))
    .aggregate({ bids: agg.count(), top: agg.max('price') });
}

// What someone fluent in SQL writes for it: bids aggregated per auction and 2 s pane first, then each pane
// combined into the five windows that hold it (the same pane rewrite the batch mode makes, pane-sql.ts).
const HAND_WRITTEN = `
WITH panes AS (
  SELECT auction, "dateTime" - "dateTime" % 2000 AS pane, count(*) AS n, max(price) AS top FROM hand_bids GROUP BY ALL)
SELECT auction AS "key", ws AS "windowStart", ws + 10000 AS "windowEnd", sum(n) AS bids, max(top) AS top
FROM (SELECT *, pane - k.range * 2000 AS ws FROM panes, range(0, 5) k)
WHERE ws > pane - 10000
GROUP BY auction, ws`;

async function handWritten(data: SlimBid[]): Promise<{ ms: number; queryMs: number; rows: number; checksum: number }> {
  const con = await duckdb();
  const t0 = performance.now();
  await loadTable(con, 'hand_bids', inferSchema(data.slice(0, 1000)), data);
  const t1 = performance.now();
  const { rows } = await queryRows(con, HAND_WRITTEN);
  const t2 = performance.now();
  await con.run('DROP TABLE temp.hand_bids');
  return { ms: t2 - t0, queryMs: t2 - t1, rows: rows.length, checksum: checksum(rows) };
}



async function main(): Promise<void> {
  const log = (s: string): void => void process.stderr.write(s + '\n');
  const csvOnly = args.includes('--csv-only');
  if (!csvOnly && !args.includes('--files-only')) await arrayCase(log);
  if (args.includes('--arrays-only')) return;
  const handWritten = (from: string): string => HAND_WRITTEN.split('hand_bids').join(from);
  for (const format of csvOnly ? (['csv'] as const) : (['csv', 'recording'] as const)) {
    if (!(await fileCase({ format, events, streamingEvents, runs, handWritten, log }))) process.exitCode = 1;
  }
}

async function arrayCase(log: (s: string) => void): Promise<void> {
  log(`Generating ${events.toLocaleString('en-US')} Nexmark bids (seed 7)...`);
  const data = bids(events);
  await duckdb();
  // Warm-up on a slice (the JIT, and DuckDB's first queries); then the best of `runs` timed runs of each.
  const warm = data.slice(0, 200_000);
  for (let i = 0; i < 2; i++) {
    await pipeline(warm).collect({ engine: 'duckdb' });
    await handWritten(warm);
    await pipeline(warm).collect();
  }
  const small = streamingEvents === events ? data : data.slice(0, streamingEvents);
  const hands: Awaited<ReturnType<typeof handWritten>>[] = [];
  const batches: { ms: number; value: unknown[] }[] = [];
  const streamings: { ms: number; value: unknown[] }[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    hands.push(await handWritten(data));
    batches.push(await timed(() => pipeline(data).collect({ engine: 'duckdb' })));
    streamings.push(await timed(() => pipeline(small).collect()));
    log(`run ${i + 1}: hand-written ${Math.round(hands[i]!.ms)} ms, batch mode ${Math.round(batches[i]!.ms)} ms, streaming ${Math.round(streamings[i]!.ms)} ms`);
  }
  const hand = best(hands);
  const batch = best(batches) as { ms: number; value: unknown[] };
  const streaming = best(streamings);

  const rate = (n: number, ms: number): number => Math.round((n / ms) * 1000);
  const batchRate = rate(events, batch.ms);
  const handRate = rate(events, hand.ms);
  const streamRate = rate(streamingEvents, streaming.ms);
  const same = batch.value.length === hand.rows && Math.abs(checksum(batch.value as unknown as Record<string, unknown>[]) - hand.checksum) < 1e-6;
  const fmt = (n: number): string => n.toLocaleString('en-US');
  console.log(`Windowed aggregate (count + max per auction, sliding 10 s / 2 s) over ${fmt(events)} bids, best of ${runs} runs`);
  console.log(`  hand-written DuckDB SQL (load + query): ${fmt(Math.round(hand.ms))} ms  ${fmt(handRate)} events/s  (query alone ${fmt(Math.round(hand.queryMs))} ms)`);
  console.log(`  DuckDB batch mode (compile + load + query): ${fmt(Math.round(batch.ms))} ms  ${fmt(batchRate)} events/s`);
  console.log(`  streaming engine (collect(), ${fmt(streamingEvents)} bids): ${fmt(Math.round(streaming.ms))} ms  ${fmt(streamRate)} events/s`);
  console.log(`  batch mode / hand-written time: ${(batch.ms / hand.ms).toFixed(2)}x (goal <= 1.3x)`);
  console.log(`  batch mode / streaming throughput: ${(batchRate / streamRate).toFixed(1)}x (goal >= 5x)`);
  console.log(`  results: batch mode ${fmt(batch.value.length)} rows, hand-written ${fmt(hand.rows)} rows, ${same ? 'equal' : 'DIFFERENT'} checksums`);
  if (!same) process.exitCode = 1;
}

await main();
