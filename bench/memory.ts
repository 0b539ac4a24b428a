// Memory of a query's runtime job, after its timed cases:
// - peak heap: one run over the pre-generated array (parallelism 1), the heap sampled every millisecond the
//   job lets the event loop run (it yields about every 20 ms), minus the heap before it (input included there);
// - bytes per key of state (q4, q5): a job held mid-stream on a virtual clock, so that its state is live and
//   nothing has been flushed by the end of input, over an input configured for many keys (q4: many auctions
//   in flight; q5: bids spread over many auctions); heap with the job held, minus the heap before it, over
//   the keys in state at that point (open auctions for q4; (auction, window) pairs of open windows for q5),
//   counted by replaying the query's state logic over the same prefix.
import { getHeapStatistics } from 'node:v8';
import { StreamEnvironment, VirtualClock, nexmark, type Bid, type NexmarkEvent } from '../runtime/index.ts';
import type { NexmarkConfig } from '../runtime/generators/nexmark/index.ts';
import type { BenchOptions } from './options.ts';
import type { SuiteEntry } from './suite.ts';
import { attachSink } from './sink.ts';
import { Tally } from './tally.ts';
import { WINDOW_SIZE, WINDOW_SLIDE } from './queries/q5.ts';

export interface MemoryResult {
  /** Heap growth at its sampled peak during one runtime run, bytes. */
  readonly peakHeapBytes: number;
  /** q4 and q5: heap per key of state, with the key count it was measured at. */
  readonly state: { readonly keys: number; readonly events: number; readonly bytesPerKey: number; readonly config: NexmarkConfig } | null;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const used = (): number => getHeapStatistics().used_heap_size;
const settledHeap = (): number => {
  gc();
  gc();
  return used();
};

export async function measureMemory(e: SuiteEntry<unknown, unknown>, input: readonly unknown[], o: BenchOptions, log: (line: string) => void): Promise<MemoryResult> {
  const q = e.query;
  const tally = new Tally();
  const env = new StreamEnvironment({ stdout: () => {} });
  const sink = attachSink(q.pipeline(env.fromArray(input as unknown[])), q.consumer(tally), o.sink, q.id);
  const before = settledHeap();
  let peak = before;
  const sample = setInterval(() => {
    const h = used();
    if (h > peak) peak = h;
  }, 1);
  await sink.run();
  clearInterval(sample);
  peak = Math.max(peak, used());
  const peakHeapBytes = peak - before;
  const state = q.id === 'q4' || q.id === 'q5' ? await heldState(e, o) : null;
  log(`  ${q.id} memory: peak heap +${(peakHeapBytes / 1e6).toFixed(1)} MB` +
    (state === null ? '' : `; state ${state.bytesPerKey.toFixed(0)} B/key (${state.keys.toLocaleString('en-US')} keys)`));
  return { peakHeapBytes, state };
}

/** The configuration and prefix length that put many keys in q4's or q5's state. */
function stateSetup(id: 'q4' | 'q5', o: BenchOptions): { config: NexmarkConfig; events: number } {
  const big = o.quick ? 5_000 : 50_000;
  if (id === 'q4') return { config: { seed: o.seed, numInFlightAuctions: big }, events: Math.ceil((big * 50 * 2) / 3 / 1000) * 1000 };
  return { config: { seed: o.seed, numInFlightAuctions: big, hotAuctionRatio: 1 }, events: o.quick ? 100_000 : 500_000 };
}

async function heldState(e: SuiteEntry<unknown, unknown>, o: BenchOptions): Promise<MemoryResult['state']> {
  const id = e.query.id as 'q4' | 'q5';
  const { config, events } = stateSetup(id, o);
  const custom = e.query.input === 'bids' ? nexmark.bids(config) : nexmark.events(config);
  const spare = 100_000; // the paced source may read a little past the prefix before it waits
  const input = new Array<unknown>(events + spare);
  for (let i = 0; i < input.length; i++) input[i] = custom.at(i);

  const before = settledHeap();
  const clock = new VirtualClock(0);
  const env = new StreamEnvironment({ clock, stdout: () => {} });
  // An unbounded source over the prefix, paced at 1M events per virtual second: advancing the clock by
  // events/1M s lets exactly the prefix in, and the job then waits (no end of input, no final watermark).
  const src = env.fromGenerator((i: number) => input[i], { eventsPerSecond: 1_000_000 });
  attachSink(e.query.pipeline(src), () => {}, o.sink, `${id} state`);
  const job = env.execute(`${id} state`);
  clock.advance(events / 1000);
  while (job.metrics.eventsIn < events) {
    if (job.status !== 'running') throw new Error(`${id} state job ${job.status}`);
    await new Promise((r) => setImmediate(r));
  }
  const eventsIn = job.metrics.eventsIn;
  const held = settledHeap();
  await job.stop();
  const prefix = input.slice(0, eventsIn);
  const keys = id === 'q4' ? openAuctions(prefix as NexmarkEvent[]) : openWindowKeys(prefix as Bid[]);
  return { keys, events: eventsIn, bytesPerKey: (held - before) / keys, config };
}

/** q4's keys in state after the input: the auctions not yet closed (expiry at or after the last event's time). */
function openAuctions(events: readonly NexmarkEvent[]): number {
  const last = (events[events.length - 1] as NexmarkEvent).dateTime;
  let n = 0;
  for (const e of events) if (e.auction !== undefined && e.auction.expires > last - 1) n++;
  return n;
}

/** q5's keys in state after the input: distinct (auction, window) pairs of the windows not yet fired. */
function openWindowKeys(bids: readonly Bid[]): number {
  const last = (bids[bids.length - 1] as Bid).dateTime;
  const pairs = new Set<string>();
  for (const b of bids) {
    const t = b.dateTime;
    for (let s = t - (t % WINDOW_SLIDE); s > t - WINDOW_SIZE; s -= WINDOW_SLIDE) if (s + WINDOW_SIZE > last) pairs.add(`${s}:${b.auction}`);
  }
  return pairs.size;
}
