import { describe, expect, it } from 'vitest';
import { RivuletError, StreamEnvironment, Windows, agg } from '../../../runtime/index.ts';
import { SteppedClock, driveClock, untilWaiting } from '../../helpers/operator-harness.ts';

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('JobHandle', () => {
  it('resolves with the job name, status and metrics of a bounded job', async () => {
    const env = new StreamEnvironment({ stdout: () => {} });
    env.fromElements(1, 2, 3).filter((x) => x !== 2).print();
    const result = await env.execute('bounded');
    expect(result.name).toBe('bounded');
    expect(result.status).toBe('finished');
    expect(result.metrics).toMatchObject({ eventsIn: 3, recordsOut: 2, lateDropped: 0, watermark: Infinity });
  });

  it('counts the records dropped as late in its metrics', async () => {
    const env = new StreamEnvironment();
    env
      .fromElements({ t: 100 }, { t: 5 }, { t: 50 }, { t: 150 })
      .withWatermarks({ timestamp: 't' })
      .windowAll(Windows.tumbling(10))
      .aggregate({ n: agg.count() })
      .addSink(() => {});
    const result = await env.execute();
    expect(result.metrics.lateDropped).toBe(2);
    expect(result.metrics.recordsOut).toBe(2);
  });

  it('rejects and reports status failed when a user function throws', async () => {
    const printed: string[] = [];
    const env = new StreamEnvironment({ stdout: (t) => printed.push(t) });
    env
      .fromElements(1, 2, 3)
      .map((x) => {
        if (x === 2) throw new Error('two');
        return x;
      })
      .print();
    const job = env.execute('failing');
    const e = (await Promise.resolve(job).catch((x: unknown) => x)) as RivuletError;
    expect(e).toBeInstanceOf(RivuletError);
    expect(e.code).toBe('USER_FUNCTION_FAILED');
    expect(e.message).toContain('The function passed to map threw on record 2: two');
    expect(job.status).toBe('failed');
  });

  it('pauses, resumes and stops a live job paced on a virtual clock, with exact metrics', async () => {
    const clock = new SteppedClock();
    const env = new StreamEnvironment({ clock });
    const seen: number[] = [];
    env.fromGenerator((i) => i, { eventsPerSecond: 10, name: 'ticks' }).addSink((x) => seen.push(x));
    const job = env.execute('live');
    expect(job.status).toBe('running');

    await driveClock(clock, 100, () => false, 4);
    await untilWaiting(clock);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(job.metrics.eventsIn).toBe(5);

    job.pause();
    expect(job.status).toBe('paused');
    clock.advance(1000);
    await turns(20);
    expect(seen).toHaveLength(5);
    expect(job.metrics.eventsIn).toBe(5);

    job.resume();
    expect(job.status).toBe('running');
    await untilWaiting(clock);
    // Events that came due while paused (up to processing time 1400) are read at once.
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => i));

    const result = await job.stop();
    expect(job.status).toBe('stopped');
    expect(result).toMatchObject({ name: 'live', status: 'stopped' });
    expect(result.metrics.eventsIn).toBe(15);
    expect(result.metrics.recordsOut).toBe(15);
  });

  it('reports the watermark of a running event-time job', async () => {
    const clock = new SteppedClock();
    const env = new StreamEnvironment({ clock });
    env
      .fromGenerator((i) => ({ t: i * 1000 }), { eventsPerSecond: 10 })
      .withWatermarks({ timestamp: 't', maxOutOfOrderness: 500 })
      .addSink(() => {});
    const job = env.execute();
    await driveClock(clock, 100, () => false, 3);
    await untilWaiting(clock);
    expect(job.metrics.watermark).toBe(3000 - 500 - 1);
    await job.stop();
  });

  it('reports the watermark of a running job whose late-data output has a sink', async () => {
    const clock = new SteppedClock();
    const env = new StreamEnvironment({ clock });
    const counts = env
      .fromGenerator((i) => ({ t: i * 1000 }), { eventsPerSecond: 10 })
      .withWatermarks({ timestamp: 't', maxOutOfOrderness: 500 })
      .windowAll(Windows.tumbling(1000))
      .aggregate({ n: agg.count() });
    counts.addSink(() => {});
    counts.lateOutput().addSink(() => {});
    const job = env.execute();
    await driveClock(clock, 100, () => false, 3);
    await untilWaiting(clock);
    expect(job.metrics.watermark).toBe(3000 - 500 - 1);
    await job.stop();
  });

  it('stopping a finished job returns its result unchanged', async () => {
    const env = new StreamEnvironment({ stdout: () => {} });
    env.fromElements(1).print();
    const job = env.execute();
    await job;
    await expect(job.stop()).resolves.toMatchObject({ status: 'finished' });
  });

  it('stops a paused job', async () => {
    const clock = new SteppedClock();
    const env = new StreamEnvironment({ clock });
    env.fromGenerator((i) => i, { eventsPerSecond: 10 }).addSink(() => {});
    const job = env.execute();
    await untilWaiting(clock);
    job.pause();
    clock.advance(100);
    await turns(5);
    const result = await job.stop();
    expect(result.status).toBe('stopped');
    expect(result.metrics.eventsIn).toBe(1);
  });

  it('stopAll() stops every running job of the environment', async () => {
    const clock = new SteppedClock();
    const env = new StreamEnvironment({ clock });
    env.fromGenerator((i) => i, { eventsPerSecond: 1 }).addSink(() => {});
    const a = env.execute('a');
    const b = env.execute('b');
    await untilWaiting(clock);
    env.stopAll();
    expect((await a).status).toBe('stopped');
    expect((await b).status).toBe('stopped');
  });
});
