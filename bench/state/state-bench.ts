// The state part of `npm run bench`: how long a snapshot and a restore take with 1M keys of window state,
// how many bytes a key costs in the snapshot and on the heap, and events/s with state on disk (LMDB) next to
// state in memory, for a windowed and a rolling keyed aggregate over the same pre-generated bids.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamEnvironment, Windows, agg, nexmark, VirtualClock, type Bid, type EnvironmentOptions } from '../../runtime/index.ts';

export interface StateRow {
  readonly measure: string;
  readonly value: string;
  readonly goal: string;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heap = (): number => (gc(), process.memoryUsage().heapUsed);
const ms = (t: number): string => `${(performance.now() - t).toFixed(0)} ms`;

/** A job holding `keys` open count windows (one record per key, none fired yet), paused on a virtual clock. */
async function holdKeys(env: StreamEnvironment, clock: VirtualClock, keys: number): Promise<{ job: ReturnType<StreamEnvironment['execute']> }> {
  env
    .fromGenerator((i) => ({ key: i % keys, t: 0 }), { eventsPerSecond: 1_000_000 })
    .withWatermarks({ timestamp: (r) => r.t, maxOutOfOrderness: 1_000_000 })
    .keyBy((r) => r.key)
    .window(Windows.tumbling(60_000))
    .aggregate({ n: agg.count() })
    .addSink(() => {});
  const job = env.execute('hold keys');
  clock.advance(Math.ceil((keys / 1_000_000) * 1000));
  while (job.metrics.eventsIn < keys) {
    if (job.status !== "running") throw new Error(`job ${job.status}`);
    await new Promise((r) => setImmediate(r));
  }
  // Wrapped: a JobHandle is a thenable, and returning it from an async function would wait for the job.
  return { job };
}

async function snapshotRestore(keys: number, out: StateRow[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rivulet-bench-snap-'));
  try {
    const before = heap();
    const clock = new VirtualClock(0);
    const env = new StreamEnvironment({ clock, batchSize: 8192 });
    const { job } = await holdKeys(env, clock, keys);
    const perKeyHeap = (heap() - before) / keys;
    let t = performance.now();
    const info = await env.snapshot(join(dir, 's'));
    const snapMs = ms(t);
    await job.stop();
    const env2 = new StreamEnvironment({ clock: new VirtualClock(0), parallelism: 2 });
    env2
      .fromGenerator((i) => ({ key: i % keys, t: 0 }), { eventsPerSecond: 1_000_000 })
      .withWatermarks({ timestamp: (r) => r.t, maxOutOfOrderness: 1_000_000 })
      .keyBy((r) => r.key)
      .window(Windows.tumbling(60_000))
      .aggregate({ n: agg.count() })
      .addSink(() => {});
    t = performance.now();
    await env2.restore(info.dir);
    const job2 = env2.execute('restored');
    const restoreMs = ms(t);
    await job2.stop();
    const k = keys.toLocaleString('en-US');
    out.push({ measure: `snapshot of ${k} count-window keys (capture + write)`, value: snapMs, goal: '≤ 1 s' });
    out.push({ measure: `restore of ${k} keys at parallelism 2 (read, verify, redistribute)`, value: restoreMs, goal: '≤ 1 s' });
    out.push({ measure: 'snapshot bytes per key', value: `${(info.bytes / keys).toFixed(1)} B`, goal: '≤ 100 B' });
    out.push({ measure: 'heap bytes per key (memory backend, window state + timer)', value: `${perKeyHeap.toFixed(0)} B`, goal: '' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function eventsPerSecond(bids: Bid[], opts: EnvironmentOptions, pipeline: 'window' | 'rolling'): Promise<number> {
  const env = new StreamEnvironment(opts);
  const s = env.fromArray(bids);
  let rows = 0;
  if (pipeline === 'window') {
    s.withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 0 })
      .keyBy((b) => b.bidder)
      .window(Windows.tumbling(10_000))
      .aggregate({ n: agg.count(), hi: agg.max('price') })
      .addSink(() => rows++);
  } else {
    s.keyBy((b) => b.bidder).aggregate({ n: agg.count(), sum: agg.sum('price') }).addSink(() => rows++);
  }
  const t = performance.now();
  await env.execute(pipeline);
  if (rows === 0) throw new Error('no output');
  return bids.length / ((performance.now() - t) / 1000);
}

async function backends(events: number, out: StateRow[]): Promise<void> {
  const gen = nexmark.bids({ seed: 7 });
  const bids = Array.from({ length: events }, (_, i) => gen.at(i));
  const dir = mkdtempSync(join(tmpdir(), 'rivulet-bench-disk-'));
  try {
    for (const pipeline of ['window', 'rolling'] as const) {
      const memory = await eventsPerSecond(bids, {}, pipeline);
      const disk = await eventsPerSecond(bids, { stateBackend: { disk: dir } }, pipeline);
      const name = pipeline === 'window' ? 'tumbling 10 s count+max per bidder' : 'rolling count+sum per bidder';
      out.push({ measure: `${name}, memory backend`, value: `${fmt(memory)} events/s`, goal: '' });
      out.push({ measure: `${name}, disk backend (LMDB)`, value: `${fmt(disk)} events/s (${(disk / memory).toFixed(2)}×)`, goal: '' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export async function runStateBench(quick: boolean, log: (s: string) => void): Promise<StateRow[]> {
  const out: StateRow[] = [];
  log('state: snapshot and restore of 1M keys ...');
  await snapshotRestore(quick ? 200_000 : 1_000_000, out);
  log('state: memory vs disk backend ...');
  await backends(quick ? 100_000 : 500_000, out);
  return out;
}

export function renderStateTable(rows: StateRow[]): string {
  const w = Math.max(...rows.map((r) => r.measure.length));
  const v = Math.max(...rows.map((r) => r.value.length));
  return rows.map((r) => `${r.measure.padEnd(w)}  ${r.value.padStart(v)}  ${r.goal}`).join('\n');
}
