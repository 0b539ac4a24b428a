// Periodic checkpoints: taken every interval of processing time into <dir>/chk-N, only the latest `retain`
// kept; restoring from the checkpoint directory takes the latest; stop() takes a last checkpoint first, so a
// restore continues exactly where the job stopped.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, VirtualClock } from '../../../runtime/index.ts';
import { driveUntil } from '../../helpers/virtual-run.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-chk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(env: StreamEnvironment, out: string): void {
  env
    .fromGenerator((i) => ({ k: i % 7, t: i * 10 }), { count: 3000, eventsPerSecond: 100 })
    .withWatermarks({ timestamp: 't', maxOutOfOrderness: 0 })
    .keyBy('k')
    .window(Windows.tumbling(500))
    .aggregate({ n: agg.count() })
    .writeJsonl(out);
}

const complete = (dir: string): number => (existsSync(dir) ? readdirSync(dir).filter((n) => /^chk-\d+$/.test(n)).length : 0);
const writing = (dir: string): boolean => existsSync(dir) && readdirSync(dir).some((n) => n.includes('.tmp-'));

async function until(pred: () => boolean, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error('condition not reached before the deadline');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('periodic checkpoints', () => {
  it('keeps the latest checkpoints, and a stopped job continues exactly where it stopped', async () => {
    const dir = join(work, 'chk');
    const reference = join(work, 'reference.jsonl');
    const refClock = new VirtualClock(0);
    const refEnv = new StreamEnvironment({ parallelism: 2, clock: refClock });
    build(refEnv, reference);
    const refJob = refEnv.execute();
    await driveUntil(refClock, refJob, Infinity, 1000);
    await refJob;

    const out = join(work, 'out.jsonl');
    const clock = new VirtualClock(0);
    const env = new StreamEnvironment({ parallelism: 2, clock });
    env.enableCheckpointing(1000, dir, { retain: 2 });
    build(env, out);
    const job = env.execute();
    // One virtual second at a time; after each, wait (polling, with a deadline) until the checkpoint due is
    // written, so that the next one is not skipped as "one in flight already".
    for (let t = 1; t <= 6; t++) {
      clock.advance(1000);
      await until(() => complete(dir) >= Math.min(t, 2) && !writing(dir));
    }
    // A new checkpoint is renamed into place a moment before the oldest is pruned and before the sink commits
    // what it staged for it: wait for both.
    const committedLines = (): number => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean).length : 0);
    await until(() => complete(dir) === 2 && !writing(dir) && committedLines() > 0);
    const kept = readdirSync(dir).filter((n) => n.startsWith('chk-')).sort();
    expect(kept.length).toBe(2);
    expect(kept.every((n) => existsSync(join(dir, n, 'MANIFEST.json')))).toBe(true);
    // Committed with the checkpoints so far: some rows, not all.
    expect(committedLines()).toBeLessThan(readFileSync(reference, 'utf8').split('\n').filter(Boolean).length);
    await job.stop();
    const last = readdirSync(dir).filter((n) => n.startsWith('chk-')).sort().at(-1);
    expect(last).not.toBe(kept.at(-1));

    const clock2 = new VirtualClock(0);
    const env2 = new StreamEnvironment({ parallelism: 3, clock: clock2 });
    build(env2, out);
    const info = await env2.restore(dir);
    expect(info.dir).toBe(join(dir, last as string));
    const job2 = env2.execute();
    await driveUntil(clock2, job2, Infinity, 1000);
    await job2;
    const sorted = (p: string) => readFileSync(p, 'utf8').split('\n').filter(Boolean).sort();
    expect(sorted(out)).toEqual(sorted(reference));
  });

  it('checks its arguments', () => {
    const env = new StreamEnvironment();
    expect(() => env.enableCheckpointing(0, join(work, 'x'))).toThrow(/intervalMs/);
    expect(() => env.enableCheckpointing(100, '')).toThrow(/dir/);
  });
});
