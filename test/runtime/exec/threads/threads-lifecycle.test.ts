// Executor 'threads' around the edges: functions that capture variables are refused before any worker starts,
import { join } from 'node:path';
// naming the step and the variable; what it cannot do yet (snapshots, checkpoints) is refused clearly; an
// error in a user function on a worker fails the job with the usual USER_FUNCTION_FAILED; an unbounded job
// stops on request; and in every case no worker thread is left running.
import { describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg } from '../../../../runtime/index.ts';
import { workerCounts } from '../../../../runtime/exec/threads/start-worker.ts';
import { error, rejection } from '../../../helpers/rivulet-errors.ts';

const rows = Array.from({ length: 2000 }, (_, i) => ({ key: i % 13, value: i % 7, ts: i }));

async function noWorkerLeft(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (workerCounts().running > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(workerCounts().running).toBe(0);
}

describe("executor 'threads'", () => {
  it('checks the executor option like the other options', () => {
    const e = error(() => new StreamEnvironment({ executor: 'gpu' as 'threads' }));
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.message).toContain('executor');
    expect(new StreamEnvironment({ executor: 'threads' }).executor).toBe('threads');
    expect(new StreamEnvironment().executor).toBe('single');
  });

  it('refuses a keyed function that captures a variable, naming the step and the variable, before starting workers', async () => {
    const threshold = 3;
    const env = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    const started = workerCounts().started;
    const e = await rejection(env.fromArray(rows).keyBy('key').filter((r) => r.value > threshold).collect());
    expect(e.code).toBe('THREADS_CAPTURED_VARIABLE');
    expect(e.message).toContain('"filter"');
    expect(e.message).toContain('threshold');
    expect(e.message).toContain("executor: 'single'");
    expect(workerCounts().started).toBe(started);
    // The same pipeline runs on one thread, where closures are fine.
    const single = new StreamEnvironment({ parallelism: 2 });
    expect((await single.fromArray(rows).keyBy('key').filter((r) => r.value > threshold).collect()).length).toBe(rows.filter((r) => r.value > 3).length);
  });

  it('refuses a process function whose method captures a variable, and an aggregate whose extractor does', async () => {
    const scale = 10;
    const env = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    const p = env.fromArray(rows).keyBy('key').process({ processElement: (r, _ctx, out) => out.collect(r.value * scale) });
    const e1 = await rejection(p.collect());
    expect(e1.code).toBe('THREADS_CAPTURED_VARIABLE');
    expect(e1.message).toContain('scale');
    const env2 = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    const timed = env2.fromArray(rows).withWatermarks({ timestamp: 'ts' });
    const e2 = await rejection(timed.keyBy('key').window(Windows.tumbling(100)).aggregate({ s: agg.sum((r: { value: number }) => r.value * scale) }).collect());
    expect(e2.code).toBe('THREADS_CAPTURED_VARIABLE');
    expect(e2.message).toContain('window');
  });

  it('refuses a process function given as a class instance, whose methods cannot travel', async () => {
    class Doubler {
      processElement(r: { value: number }, _ctx: unknown, out: { collect(v: number): void }): void {
        out.collect(r.value * 2);
      }
    }
    const env = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    const e = await rejection(env.fromArray(rows).keyBy('key').process(new Doubler()).collect());
    expect(e.code).toBe('THREADS_FUNCTION_NOT_PORTABLE');
    expect(e.message).toContain('Doubler');
  });

  it('lets the steps before the first keyBy capture variables: they run on the main thread', async () => {
    const offset = 1;
    const env = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    const out = await env.fromArray(rows).map((r) => ({ ...r, value: r.value + offset })).keyBy('key').aggregate({ s: agg.sum('value') }).collect();
    const expected = new StreamEnvironment({ parallelism: 2 });
    const ref = await expected.fromArray(rows).map((r) => ({ ...r, value: r.value + offset })).keyBy('key').aggregate({ s: agg.sum('value') }).collect();
    expect(new Set(out.map((r) => JSON.stringify(r)))).toEqual(new Set(ref.map((r) => JSON.stringify(r))));
    await noWorkerLeft();
  });

  it('refuses checkpointing and snapshots clearly', async () => {
    const env = new StreamEnvironment({ parallelism: 2, executor: 'threads' }).enableCheckpointing(100, '/tmp/rivulet-threads-never');
    env.fromArray(rows).keyBy('key').aggregate({ n: agg.count() }).print();
    const e = error(() => env.execute());
    expect(e.code).toBe('THREADS_UNSUPPORTED');
    expect(e.message).toContain('Checkpointing');

    const env2 = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    let seen = 0;
    env2.fromGenerator((i) => ({ key: i % 5, i })).keyBy('key').aggregate({ n: agg.count() }).addSink(() => void seen++);
    const job = env2.execute();
    const s = await rejection(env2.snapshot('/tmp/rivulet-threads-never'));
    expect(s.code).toBe('THREADS_UNSUPPORTED');
    await job.stop();
    await noWorkerLeft();
  });

  it('fails the job with USER_FUNCTION_FAILED when a function throws on a worker, and terminates the workers', async () => {
    const env = new StreamEnvironment({ parallelism: 2, executor: 'threads', batchSize: 64 });
    const p = env
      .fromArray(rows)
      .keyBy('key')
      .map((r) => {
        if (r.ts === 1234) throw new Error('no such price');
        return r;
      })
      .collect();
    const e = await rejection(p);
    expect(e.code).toBe('USER_FUNCTION_FAILED');
    expect(e.message).toContain('map');
    expect(e.message).toContain('no such price');
    expect(e.message).toContain('1234');
    await noWorkerLeft();
  });

  it('stops an unbounded job on request, and terminates the workers', async () => {
    const env = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    let seen = 0;
    env.fromGenerator((i) => ({ key: i % 50, i })).keyBy('key').aggregate({ n: agg.count() }).addSink(() => void seen++);
    const job = env.execute('unbounded');
    const deadline = Date.now() + 20_000;
    while (seen < 5000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toBeGreaterThanOrEqual(5000);
    expect(job.status).toBe('running');
    const result = await job.stop();
    expect(result.status).toBe('stopped');
    await noWorkerLeft();
  });
});

describe('replay and lineage with executor threads', () => {
  it('are refused with a RivuletError saying to use the single executor', async () => {
    const env = new StreamEnvironment({ parallelism: 2, executor: 'threads' });
    const lineage = error(() => env.enableLineage());
    expect([lineage.code, lineage.message]).toEqual(['THREADS_UNSUPPORTED', expect.stringContaining("Lineage (env.enableLineage()) is not supported with executor 'threads'")]);
    env.fromRecording(join(import.meta.dirname, '../../../../data/sensors.jsonl')).addSink(() => {});
    const replay = await rejection(env.replay.step(1));
    expect([replay.code, replay.message]).toEqual(['THREADS_UNSUPPORTED', expect.stringContaining("env.replay is not supported with executor 'threads'")]);
  });
});
