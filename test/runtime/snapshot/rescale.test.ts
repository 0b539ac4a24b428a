// Snapshot and restore at another parallelism: a job stopped at some point and restored at 1, 4, 2 and back
// gives, together, exactly the changes of an uninterrupted run — for keyed windows with late re-firings,
// sessions, and rolling aggregates, with key groups and with the consistent-hash ring.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, nexmark, VirtualClock } from '../../../runtime/index.ts';
import { driveUntil, runInLegs, runToEnd, type BuildPipeline } from '../../helpers/virtual-run.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-rescale-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(work, `s${++n}`);

type Build = BuildPipeline;

const bids = (env: StreamEnvironment) =>
  env
    .fromGenerator(nexmark.bids({ seed: 5, maxOutOfOrderMs: 300 }), { count: 12_000, eventsPerSecond: 1000 })
    .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 150 });

const pipelines: Record<string, Build> = {
  'sliding windows with allowed lateness': (env, out) =>
    bids(env)
      .keyBy((b) => b.auction)
      .window(Windows.sliding(400, 100))
      .allowedLateness(150)
      .aggregate({ n: agg.count(), hi: agg.max('price') })
      .addSink((r, k) => out.push(k + JSON.stringify(r))),
  'tumbling windows mapped into the sink (the map runs in the sink loop)': (env, out) =>
    bids(env)
      .keyBy((b) => b.auction)
      .window(Windows.tumbling(50))
      .aggregate({ n: agg.count() })
      .map((r) => `${r.key}@${r.windowStart}=${r.n}`)
      .addSink((r, k) => out.push(k + r)),
  'session windows': (env, out) =>
    bids(env)
      .keyBy((b) => b.bidder)
      .window(Windows.session(20))
      .aggregate({ n: agg.count(), s: agg.sum('price') })
      .addSink((r, k) => out.push(k + JSON.stringify(r))),
  'rolling aggregates and their late output': (env, out) => {
    const w = bids(env).keyBy((b) => b.auction).window(Windows.tumbling(100)).aggregate({ n: agg.count() });
    // A rolling aggregate fed by several partitions sees their results in an order that depends on the
    // parallelism, so only its final value per key is compared (see comparable()).
    w.keyBy((r) => r.key % 7).aggregate({ windows: agg.count(), bids: agg.sum('n') }).addSink((r, k) => out.push('roll' + k + JSON.stringify(r)));
    w.lateOutput().addSink((r) => out.push('late' + JSON.stringify(r)));
  },
};

/** Changes sorted; rolling-aggregate changes replaced by the final row per key. */
function comparable(lines: string[]): string[] {
  const finals = new Map<unknown, string>();
  const rest: string[] = [];
  for (const l of lines) {
    if (!l.startsWith('roll')) rest.push(l);
    else if (l.startsWith('roll+I') || l.startsWith('roll+U')) finals.set((JSON.parse(l.slice(6)) as { key: unknown }).key, l.slice(6));
  }
  return [...rest, ...[...finals.values()].map((v) => 'final' + v)].sort();
}

describe('restoring at another parallelism', () => {
  for (const [name, build] of Object.entries(pipelines)) {
    for (const partitioner of ['key-groups', 'consistent-hash'] as const) {
      it(`${name} (${partitioner}): 1 → 4 → 2 → 1 equals an uninterrupted run`, async () => {
        const expected = await runToEnd(build, 3, { partitioner });
        const { out: got } = await runInLegs(
          build,
          [
            { parallelism: 1, until: 2500 },
            { parallelism: 4, until: 3000 },
            { parallelism: 2, until: 2000 },
            { parallelism: 1, until: Infinity },
          ],
          fresh,
          { partitioner },
        );
        expect(expected.length).toBeGreaterThan(100);
        expect(comparable(got)).toEqual(comparable(expected));
      });
    }
  }

  it('restores a snapshot taken while the job was paused', async () => {
    const build = pipelines['sliding windows with allowed lateness'] as Build;
    const expected = await runToEnd(build, 2);
    const out: string[] = [];
    const clock = new VirtualClock(0);
    const env = new StreamEnvironment({ parallelism: 2, clock });
    build(env, out);
    const job = env.execute();
    await driveUntil(clock, job, 4000);
    job.pause();
    const dir = fresh();
    const info = await env.snapshot(dir);
    expect(job.status).toBe('paused');
    expect(Object.values(info.sources)[0]).toBe(4001);
    await job.stop();
    const env2 = new StreamEnvironment({ parallelism: 3, clock: new VirtualClock(0) });
    build(env2, out);
    await env2.restore(dir);
    const job2 = env2.execute();
    await driveUntil(env2.clock as VirtualClock, job2);
    await job2;
    expect(comparable(out)).toEqual(comparable(expected));
  });
});
