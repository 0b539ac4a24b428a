// Sources read in every worker (executor 'threads', source-replication.ts): arrays of plain data and unpaced
// generators (Nexmark, self-contained functions) are read by every worker, which keeps the rows of its own
// partitions; the job's metrics (events in, late records dropped) are those of one thread; whatever cannot be
// described or travel (a step before keyBy that captures a variable, a stream read before its keyBy by a sink,
// rows that are not plain data, an array too large to copy) falls back to sources on the main thread with the
// same results; and no worker is left running.
import { describe, expect, it } from 'vitest';
import { StreamEnvironment, VirtualClock, Windows, agg, nexmark } from '../../../../runtime/index.ts';
import { workerCounts } from '../../../../runtime/exec/threads/start-worker.ts';
import { MAX_REPLICATED_ROWS } from '../../../../runtime/exec/threads/source-replication.ts';
import { randomStream } from '../../../helpers/random-stream.ts';
import { canonicalJson } from '../../../helpers/oracle/windows.ts';

const records = randomStream(77, { n: 3000, keys: 17, maxDelay: 20, lateFraction: 0.05, lateBy: 60 });

async function noWorkerLeft(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (workerCounts().running > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(workerCounts().running).toBe(0);
}

const sorted = (rows: unknown[]): string[] => rows.map((r) => canonicalJson(r)).sort();

type Build = (env: StreamEnvironment, out: unknown[]) => void;

/** Runs `build` on one thread and on worker threads; returns both outputs, both results and how many workers read sources. */
async function both(build: Build, parallelism = 2) {
  const single: unknown[] = [];
  const threaded: unknown[] = [];
  const env1 = new StreamEnvironment({ parallelism });
  build(env1, single);
  const r1 = await env1.execute('single');
  const before = workerCounts().readingSources;
  const env2 = new StreamEnvironment({ parallelism, executor: 'threads' });
  build(env2, threaded);
  const r2 = await env2.execute('threads');
  await noWorkerLeft();
  return { single, threaded, r1, r2, readingSources: workerCounts().readingSources - before };
}

const lateWindows: Build = (env, out) => {
  env.fromArray(records).withWatermarks({ timestamp: (r) => r.ts, maxOutOfOrderness: 3 }).keyBy('key')
    .window(Windows.tumbling(30)).aggregate({ n: agg.count(), s: agg.sum('value') }).addSink((r) => void out.push(r));
};

describe('sources read in every worker', () => {
  it('counts the events read and the late records dropped as one thread does', async () => {
    const { single, threaded, r1, r2, readingSources } = await both(lateWindows, 3);
    expect(readingSources).toBeGreaterThan(0);
    expect(sorted(threaded)).toEqual(sorted(single));
    expect(r1.metrics.lateDropped).toBeGreaterThan(0);
    expect(r2.metrics.lateDropped).toBe(r1.metrics.lateDropped);
    expect(r2.metrics.eventsIn).toBe(records.length);
    expect(r2.metrics.recordsOut).toBe(r1.metrics.recordsOut);
  });

  it('keeps the sources on the main thread when a step before keyBy captures a variable, with the same results', async () => {
    const { single, threaded, readingSources } = await both((env, out) => {
      const shift = 1000;
      env.fromArray(records).map((r) => ({ ...r, ts: r.ts + shift })).withWatermarks({ timestamp: (r) => r.ts }).keyBy('key')
        .window(Windows.sliding(40, 10)).aggregate({ n: agg.count() }).addSink((r) => void out.push(r));
    });
    expect(readingSources).toBe(0);
    expect(single.length).toBeGreaterThan(0);
    expect(sorted(threaded)).toEqual(sorted(single));
  });

  it('keeps the sources on the main thread when a sink reads the stream before its keyBy, with the same results', async () => {
    const { single, threaded, readingSources } = await both((env, out) => {
      const timed = env.fromArray(records).withWatermarks({ timestamp: (r) => r.ts });
      timed.filter((r) => r.value > 90).addSink((r) => void out.push({ raw: r }));
      timed.keyBy('key').aggregate({ n: agg.count() }).addSink((r) => void out.push(r));
    });
    expect(readingSources).toBe(0);
    expect(single.some((r) => (r as { raw?: unknown }).raw !== undefined)).toBe(true);
    expect(sorted(threaded)).toEqual(sorted(single));
  });

  it('keeps the sources on the main thread for rows that are not plain data or arrays too large to copy', async () => {
    const dated = records.slice(0, 500).map((r) => ({ key: r.key, at: new Date(r.ts) }));
    const first = await both((env, out) => {
      env.fromArray(dated).keyBy('key').aggregate({ n: agg.count() }).addSink((r) => void out.push(r));
    });
    expect(first.readingSources).toBe(0);
    expect(sorted(first.threaded)).toEqual(sorted(first.single));
    const many = Array.from({ length: MAX_REPLICATED_ROWS + 1 }, (_, i) => ({ key: i % 5, v: i }));
    const second = await both((env, out) => {
      env.fromArray(many).keyBy('key').aggregate({ n: agg.count(), s: agg.sum('v') }).addSink((r) => void out.push(r));
    });
    expect(second.readingSources).toBe(0);
    expect(sorted(second.threaded)).toEqual(sorted(second.single));
  });

  it('fails the job when a function throws in the replicated steps, and terminates the workers', async () => {
    const env = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    const before = workerCounts().readingSources;
    const job = env.fromArray(records).map((r) => {
      if (r.id === 1234) throw new Error('bad record');
      return r;
    }).keyBy('key').aggregate({ n: agg.count() }).collect();
    await expect(job).rejects.toMatchObject({ code: 'USER_FUNCTION_FAILED' });
    expect(workerCounts().readingSources - before).toBe(2);
    await noWorkerLeft();
  });
});

describe('generators read in every worker', () => {
  it('reads an unpaced Nexmark generator in every worker with the single-thread results', async () => {
    const { single, threaded, r2, readingSources } = await both((env, out) => {
      env.fromGenerator(nexmark.bids({ seed: 5 }), { count: 4000 }).withWatermarks({ timestamp: 'dateTime', maxOutOfOrderness: 50 })
        .keyBy('auction').window(Windows.sliding(2_000, 500)).allowedLateness(100).aggregate({ bids: agg.count(), top: agg.max('price') })
        .changelog().addSink((r) => void out.push(r));
    }, 3);
    expect(readingSources).toBeGreaterThan(0);
    expect(single.length).toBeGreaterThan(0);
    expect(sorted(threaded)).toEqual(sorted(single));
    expect(r2.metrics.eventsIn).toBe(4000);
  });

  it('reads a self-contained generator function in every worker, and keeps one that captures a variable on the main thread', async () => {
    const own = await both((env, out) => {
      env.fromGenerator((i) => ({ key: (i * 7) % 11, ts: i * 3 - (i % 5) * 4, v: i % 13 }), { count: 5000 })
        .withWatermarks({ timestamp: 'ts' }).keyBy('key').window(Windows.session(9)).aggregate({ n: agg.count(), s: agg.sum('v') })
        .addSink((r) => void out.push(r));
    });
    expect(own.readingSources).toBeGreaterThan(0);
    expect(sorted(own.threaded)).toEqual(sorted(own.single));
    const keys = 11;
    const captured = await both((env, out) => {
      env.fromGenerator((i) => ({ key: i % keys, v: i }), { count: 3000 }).keyBy('key').sum('v').addSink((r) => void out.push(r));
    });
    expect(captured.readingSources).toBe(0);
    expect(sorted(captured.threaded)).toEqual(sorted(captured.single));
  });
});

describe('the job handle with sources read in every worker', () => {
  it('pauses and resumes the workers, then finishes with the single-thread results', async () => {
    const build: Build = (env, out) => {
      env.fromGenerator((i) => ({ key: i % 23, ts: i, v: i % 17 }), { count: 200_000 }).withWatermarks({ timestamp: 'ts' })
        .keyBy('key').window(Windows.tumbling(1000)).aggregate({ n: agg.count(), s: agg.sum('v') }).addSink((r) => void out.push(r));
    };
    const single: unknown[] = [];
    const env1 = new StreamEnvironment({ parallelism: 2 });
    build(env1, single);
    await env1.execute('single');
    const threaded: unknown[] = [];
    const env2 = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    build(env2, threaded);
    const before = workerCounts().readingSources;
    const handle = env2.execute('paused');
    handle.pause();
    expect(handle.status).toBe('paused');
    handle.resume();
    const result = await handle;
    expect(result.status).toBe('finished');
    expect(workerCounts().readingSources - before).toBe(2);
    expect(sorted(threaded)).toEqual(sorted(single));
    await noWorkerLeft();
  });

  it('keeps the sources on the main thread on a virtual clock, which then paces the workers', async () => {
    const build = (env: StreamEnvironment, out: unknown[]): void => {
      env.fromArray(records).keyBy('key').window(Windows.tumbling(5, { time: 'processing' })).aggregate({ n: agg.count() })
        .addSink((r) => void out.push(r));
    };
    const single: unknown[] = [];
    const env1 = new StreamEnvironment({ parallelism: 2, clock: new VirtualClock(0) });
    build(env1, single);
    await env1.execute('single');
    const threaded: unknown[] = [];
    const env2 = new StreamEnvironment({ parallelism: 2, executor: 'threads', clock: new VirtualClock(0) });
    build(env2, threaded);
    const before = workerCounts().readingSources;
    await env2.execute('virtual');
    expect(workerCounts().readingSources - before).toBe(0);
    expect(single.length).toBeGreaterThan(0);
    expect(sorted(threaded)).toEqual(sorted(single));
    await noWorkerLeft();
  });

  it('keeps an unbounded generator on the main thread, which stops it on request', async () => {
    const env = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    const before = workerCounts().readingSources;
    const seen: unknown[] = [];
    env.fromGenerator((i) => ({ key: i % 5, v: i })).keyBy('key').sum('v').addSink((r) => void seen.push(r));
    const handle = env.execute('unbounded');
    const deadline = Date.now() + 20_000;
    while (seen.length < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen.length).toBeGreaterThanOrEqual(100);
    await handle.stop();
    expect((await handle).status).toBe('stopped');
    expect(workerCounts().readingSources - before).toBe(0);
    await noWorkerLeft();
  });
});
