// Snapshot and restore at another parallelism: a job stopped at some point and restored at 1, 4, 2 and back
// gives, together, exactly the changes of an uninterrupted run — for keyed windows with late re-firings,
// sessions, and rolling aggregates, with key groups and with the consistent-hash ring.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, nexmark, VirtualClock, type PartitionerKind } from '../../../runtime/index.ts';
import { driveUntil } from '../../helpers/virtual-run.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-rescale-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(work, `s${++n}`);

type Build = (env: StreamEnvironment, out: string[]) => void;

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

async function uninterrupted(build: Build, parallelism: number, partitioner: PartitionerKind): Promise<string[]> {
  const out: string[] = [];
  const clock = new VirtualClock(0);
  const env = new StreamEnvironment({ parallelism, clock, partitioner });
  build(env, out);
  const job = env.execute();
  await driveUntil(clock, job);
  await job;
  return out;
}

/** Runs in legs: each leg restores the previous snapshot at its parallelism, runs `ms` of virtual time, snapshots. */
async function inLegs(build: Build, legs: { parallelism: number; ms: number }[], partitioner: PartitionerKind): Promise<string[]> {
  const out: string[] = [];
  let previous: string | null = null;
  for (const [i, leg] of legs.entries()) {
    const clock = new VirtualClock(0);
    const env = new StreamEnvironment({ parallelism: leg.parallelism, clock, partitioner });
    build(env, out);
    if (previous) await env.restore(previous);
    const job = env.execute();
    if (i === legs.length - 1) {
      await driveUntil(clock, job);
      await job;
      break;
    }
    await driveUntil(clock, job, leg.ms);
    previous = fresh();
    await env.snapshot(previous);
    await job.stop();
  }
  return out;
}

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
        const expected = await uninterrupted(build, 3, partitioner);
        const got = await inLegs(
          build,
          [
            { parallelism: 1, ms: 2500 },
            { parallelism: 4, ms: 3000 },
            { parallelism: 2, ms: 2000 },
            { parallelism: 1, ms: Infinity },
          ],
          partitioner,
        );
        expect(expected.length).toBeGreaterThan(100);
        expect(comparable(got)).toEqual(comparable(expected));
      });
    }
  }

  it('restores a snapshot taken while the job was paused', async () => {
    const build = pipelines['sliding windows with allowed lateness'] as Build;
    const expected = await uninterrupted(build, 2, 'key-groups');
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
