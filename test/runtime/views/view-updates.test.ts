// When a view pushes updates: at most one per refreshMs of the environment's clock while the stream runs,
// only when something changed, always one final update when the stream ends, pauses or stops, and with an
// asynchronous renderer at most one rendering in flight (later updates coalesce, never queue). All on a
// virtual clock: the counts are exact, nothing depends on how fast the machine is.
import { describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, type DisplayHints, type DisplayTarget, type MimeBundle } from '../../../runtime/index.ts';
import { View } from '../../../runtime/views/view.ts';
import { batchOf } from '../../../runtime/exec/batch.ts';
import { SteppedClock, driveClock, untilWaiting } from '../../helpers/operator-harness.ts';

interface Push {
  kind: 'show' | 'update';
  at: number;
  final: boolean;
  text: string;
}

/** A display target that notes the virtual time of every call. */
class TimedTarget implements DisplayTarget {
  readonly pushes: Push[] = [];
  constructor(private readonly clock: SteppedClock) {}
  show(bundle: MimeBundle, _id: string, hints?: DisplayHints): void {
    this.pushes.push({ kind: 'show', at: this.clock.now(), final: hints?.final ?? false, text: String(bundle['text/plain']) });
  }
  update(_id: string, bundle: MimeBundle, hints?: DisplayHints): void {
    this.pushes.push({ kind: 'update', at: this.clock.now(), final: hints?.final ?? false, text: String(bundle['text/plain']) });
  }
}

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/** 3 000 events at 1 000/s (3 s of virtual time), rolling counts over 5 keys, viewed with refreshMs. */
function rollingJob(refreshMs: number) {
  const clock = new SteppedClock();
  const env = new StreamEnvironment({ clock });
  const target = new TimedTarget(clock);
  const view = env
    .fromGenerator((i) => ({ key: i % 5, v: i }), { eventsPerSecond: 1000, count: 3000 })
    .keyBy('key')
    .aggregate({ n: agg.count() })
    .view({ name: 'counts', refreshMs, display: target });
  return { clock, env, target, view };
}

describe('view updates', () => {
  it('shows the view once when it is created, before any job runs', () => {
    const { target, view } = rollingJob(250);
    expect(target.pushes).toEqual([{ kind: 'show', at: 0, final: false, text: expect.stringContaining('counts · not started') }]);
    expect(view.updates).toBe(1);
  });

  it('pushes at most one update per refreshMs of virtual time while the stream runs, then one final update', async () => {
    const { clock, env, target } = rollingJob(250);
    const job = env.execute();
    await driveClock(clock, 50, job);
    await job;
    const running = target.pushes.filter((p) => p.kind === 'update' && !p.final);
    const finals = target.pushes.filter((p) => p.final);
    // 3 s of stream at one update per 250 ms: t = 0, 250, ..., 2750 (the events of t = 3000 end the stream).
    expect(running.map((p) => p.at)).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2250, 2500, 2750]);
    expect(finals).toHaveLength(1);
    expect(target.pushes.at(-1)).toMatchObject({ final: true, text: expect.stringContaining('counts · finished · 3,000 events in') });
    expect(target.pushes.at(-1)?.text).toContain('5 rows');
  });

  it('pushes fewer updates with a longer refreshMs and never more than one per period', async () => {
    for (const refreshMs of [0, 100, 400, 1000, 5000]) {
      const { clock, env, target } = rollingJob(refreshMs);
      const job = env.execute();
      await driveClock(clock, 50, job);
      await job;
      const running = target.pushes.filter((p) => p.kind === 'update' && !p.final).map((p) => p.at);
      for (let i = 1; i < running.length; i++) expect((running[i] as number) - (running[i - 1] as number)).toBeGreaterThanOrEqual(Math.max(refreshMs, 50));
      expect(running.length).toBe(refreshMs <= 50 ? 60 : Math.ceil(3000 / refreshMs));
      expect(target.pushes.filter((p) => p.final)).toHaveLength(1);
    }
  });

  it('pushes nothing while nothing changes, even as time passes', async () => {
    const clock = new SteppedClock();
    const env = new StreamEnvironment({ clock });
    const target = new TimedTarget(clock);
    // Ten events at the start, then nothing for 10 s before the last one.
    env.fromGenerator((i) => ({ key: 'k', v: i }), { eventsPerSecond: 1, count: 12 })
      .filter((r) => r.v < 10 || r.v === 11)
      .view({ name: 'quiet', refreshMs: 100, display: target });
    const job = env.execute();
    await driveClock(clock, 100, job);
    await job;
    const running = target.pushes.filter((p) => p.kind === 'update' && !p.final);
    // One update per second at most: an event (and so a change) comes once a second.
    expect(running.length).toBeLessThanOrEqual(12);
    expect(running.length).toBeGreaterThanOrEqual(10);
  });

  it('sends a final update when the job pauses, none while paused, and carries on after resume', async () => {
    const { clock, env, target } = rollingJob(250);
    const job = env.execute();
    await driveClock(clock, 50, () => clock.now() >= 1000);
    await untilWaiting(clock);
    const before = target.pushes.length;
    job.pause();
    expect(target.pushes).toHaveLength(before + 1);
    expect(target.pushes.at(-1)).toMatchObject({ kind: 'update', final: true, text: expect.stringContaining('counts · paused') });
    for (let i = 0; i < 20; i++) {
      clock.advance(100);
      await turns(5);
    }
    expect(target.pushes).toHaveLength(before + 1);
    job.resume();
    await driveClock(clock, 50, job);
    await job;
    expect(target.pushes.length).toBeGreaterThan(before + 2);
    expect(target.pushes.at(-1)).toMatchObject({ final: true, text: expect.stringContaining('counts · finished · 3,000 events in') });
  });

  it('sends a final update when the job is stopped', async () => {
    const { clock, env, target } = rollingJob(250);
    const job = env.execute();
    await driveClock(clock, 50, () => clock.now() >= 600);
    await untilWaiting(clock);
    await job.stop();
    expect(target.pushes.at(-1)).toMatchObject({ final: true, text: expect.stringContaining('counts · stopped') });
    expect(target.pushes.filter((p) => p.final)).toHaveLength(1);
  });

  it('sends its final update when its own input ends, though the job goes on', async () => {
    const clock = new SteppedClock();
    const env = new StreamEnvironment({ clock });
    const target = new TimedTarget(clock);
    const source = env.fromGenerator((i) => i, { eventsPerSecond: 100, count: 200 });
    source.take(10).view({ name: 'first ten', display: target });
    source.addSink(() => {});
    const job = env.execute();
    await driveClock(clock, 50, () => clock.now() >= 500);
    expect(target.pushes.at(-1)).toMatchObject({ final: true, text: expect.stringContaining('first ten · finished') });
    const pushes = target.pushes.length;
    await driveClock(clock, 50, job);
    await job;
    // A finished view keeps the progress it ended with: the rest of the job changes nothing in it.
    expect(target.pushes).toHaveLength(pushes);
    expect(target.pushes.filter((p) => p.final)).toHaveLength(1);
  });

  it('sends a final update saying failed when the job fails', async () => {
    const clock = new SteppedClock();
    const env = new StreamEnvironment({ clock });
    const target = new TimedTarget(clock);
    env
      .fromElements(1, 2, 3)
      .map((x) => {
        if (x === 3) throw new Error('three');
        return x;
      })
      .view({ name: 'fragile', display: target });
    await Promise.resolve(env.execute()).catch(() => {});
    expect(target.pushes.at(-1)).toMatchObject({ final: true, text: expect.stringContaining('fragile · failed') });
  });

  it('reports progress: events in, the watermark, late events dropped and the status', async () => {
    const env = new StreamEnvironment();
    const view = env
      .fromElements({ t: 100 }, { t: 5 }, { t: 50 }, { t: 150 })
      .withWatermarks({ timestamp: 't' })
      .windowAll(Windows.tumbling(10))
      .aggregate({ n: agg.count() })
      .view({ name: 'late', display: false });
    expect(view.progress()).toMatchObject({ status: 'created', eventsIn: 0, watermark: null, lateDropped: 0, rows: 0 });
    await env.execute();
    const p = view.progress();
    expect(p).toMatchObject({ status: 'finished', eventsIn: 4, lateDropped: 2, rows: 2, watermark: 149 });
    expect(p.eventsPerSecond).toBeGreaterThanOrEqual(0);
    expect(view.text()).toContain('late · finished · 4 events in');
    expect(view.text()).toContain('watermark 149 · 2 late dropped');
  });

  it('renders at most one update at a time with an asynchronous renderer, coalescing the rest', async () => {
    const resolvers: (() => void)[] = [];
    let renders = 0;
    class SlowView extends View {
      protected override render(): Promise<MimeBundle> {
        renders++;
        const rows = this.size;
        return new Promise((r) => resolvers.push(() => r({ 'text/plain': `${rows} rows` })));
      }
    }
    const clock = new SteppedClock();
    const target = new TimedTarget(clock);
    const v = new SlowView({ name: 'slow', key: undefined, topN: undefined, sortBy: [], refreshMs: 0, maxRows: undefined, width: 80, display: target, changelog: false });
    void v.show();
    for (let i = 0; i < 5; i++) {
      v.apply(batchOf([i], -Infinity));
      void v.refresh();
    }
    expect(renders).toBe(1);
    resolvers.shift()?.();
    await turns(3);
    expect(renders).toBe(2); // the five refreshes became one rendering of the latest rows
    resolvers.shift()?.();
    await v.idle();
    expect(renders).toBe(2);
    expect(target.pushes.map((p) => p.text)).toEqual(['0 rows', '5 rows']);
  });

  it('never lets a failing display target fail the job', async () => {
    const env = new StreamEnvironment();
    const broken: DisplayTarget = {
      show() {},
      update() {
        throw new Error('display gone');
      },
    };
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.message);
    process.on('warning', onWarning);
    const view = env.fromElements(1, 2, 3).view({ name: 'v', display: broken });
    const result = await env.execute();
    await turns(2);
    process.off('warning', onWarning);
    expect(result.status).toBe('finished');
    expect(view.rows()).toEqual([1, 2, 3]);
    expect((view.lastError as Error).message).toBe('display gone');
    expect(warnings).toContain('View "v" could not update its display: display gone');
  });
});
