// Pipelines give the same results with their working state on disk (LMDB, a small cache so that most values
// are evicted and read back) as in memory, and snapshots taken with one backend restore into the other.
import { mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, nexmark, VirtualClock, type EnvironmentOptions } from '../../../runtime/index.ts';
import { driveUntil } from '../../helpers/virtual-run.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-disk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const disk = { disk: join(work, 'state'), cacheSize: 64 };

function build(env: StreamEnvironment, out: string[]): void {
  const bids = env
    .fromGenerator(nexmark.bids({ seed: 21, maxOutOfOrderMs: 200 }), { count: 8000, eventsPerSecond: 1000 })
    .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 100 });
  bids.keyBy((b) => b.bidder).window(Windows.sliding(300, 100)).allowedLateness(100).aggregate({ n: agg.count(), hi: agg.max('price') })
    .addSink((r, k) => out.push(k + JSON.stringify(r)));
  bids.keyBy((b) => [b.auction % 10, b.channel]).aggregate({ n: agg.count(), d: agg.countDistinct('bidder') })
    .addSink((r, k) => out.push('roll' + k + JSON.stringify(r)));
}

async function run(opts: EnvironmentOptions, legs: number[], snapshots: string[] = []): Promise<string[]> {
  const out: string[] = [];
  let previous: string | undefined;
  for (const [i, until] of legs.entries()) {
    const clock = new VirtualClock(0);
    const env = new StreamEnvironment({ ...opts, clock });
    build(env, out);
    if (previous) await env.restore(previous);
    const job = env.execute();
    await driveUntil(clock, job, until);
    if (i === legs.length - 1) {
      await job;
      break;
    }
    previous = join(work, `snap-${snapshots.length}-${Math.random().toString(36).slice(2)}`);
    snapshots.push(previous);
    await env.snapshot(previous);
    await job.stop();
  }
  return out;
}

const sorted = (a: string[]) => [...a].sort();

describe('the disk state backend in a running pipeline', () => {
  it('gives the same changes as the memory backend', async () => {
    const memory = await run({ parallelism: 2 }, [Infinity]);
    const onDisk = await run({ parallelism: 2, stateBackend: disk }, [Infinity]);
    expect(onDisk.length).toBeGreaterThan(1000);
    expect(sorted(onDisk)).toEqual(sorted(memory));
  });

  it('snapshots and restores at another parallelism with state on disk', async () => {
    const memory = await run({ parallelism: 3 }, [Infinity]);
    const onDisk = await run({ parallelism: 2, stateBackend: disk }, [3000, Infinity]);
    // The rolling aggregate's intermediate values depend on the parallelism; the windows' do not.
    const windows = (a: string[]) => sorted(a.filter((l) => !l.startsWith('roll')));
    expect(windows(onDisk)).toEqual(windows(memory));
  });

  it('removes its working files when the job ends', async () => {
    await run({ stateBackend: disk }, [Infinity]);
    const left = existsSync(disk.disk) ? readdirSync(disk.disk) : [];
    expect(left).toEqual([]);
  });

  it('refuses a backend it does not know, saying what to pass', () => {
    expect(() => new StreamEnvironment({ stateBackend: 'rocksdb' as never })).toThrow(/"memory" or \{ disk/);
  });
});
