// A damaged snapshot is refused with a RivuletError naming the file and the problem — never a crash, never a
// silent partial restore: a flipped bit, a truncated file, a missing file, an extra byte, a wrong format
// version, an edited manifest; and a pipeline whose shape changed is refused naming the operator that differs.
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync, appendFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, nexmark, VirtualClock, RivuletError } from '../../../runtime/index.ts';
import { sha256 } from '../../../runtime/snapshot/snapshot-writer.ts';
import { driveUntil } from '../../helpers/virtual-run.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-corrupt-'));
const original = join(work, 'original');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(env: StreamEnvironment, windowMs = 200) {
  return env
    .fromGenerator(nexmark.bids({ seed: 9 }), { count: 5000, eventsPerSecond: 1000 })
    .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 50 })
    .keyBy((b) => b.auction)
    .window(Windows.tumbling(windowMs))
    .aggregate({ n: agg.count() })
    .addSink(() => {});
}

beforeAll(async () => {
  const clock = new VirtualClock(0);
  const env = new StreamEnvironment({ parallelism: 2, clock });
  build(env);
  const job = env.execute();
  await driveUntil(clock, job, 2000);
  await env.snapshot(original);
  await job.stop();
});

let k = 0;
function damaged(damage: (dir: string, stateFile: string) => void): string {
  const dir = join(work, `copy${++k}`);
  cpSync(original, dir, { recursive: true });
  const stateFile = readdirSync(dir).find((f) => f.startsWith('window-') && f.endsWith('.0.bin')) as string;
  damage(dir, stateFile);
  return dir;
}

async function refusal(dir: string): Promise<RivuletError> {
  const env = new StreamEnvironment({ parallelism: 2 });
  try {
    await env.restore(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(RivuletError);
    return e as RivuletError;
  }
  throw new Error('expected the restore to be refused');
}

describe('a corrupt snapshot is refused, naming the file and the problem', () => {
  it('restores the undamaged snapshot', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const info = await env.restore(original);
    expect(info.checkpointId).toBe(1);
    expect(String(info)).toContain('source records read');
  });

  it('refuses a flipped bit', async () => {
    const dir = damaged((d, f) => {
      const data = readFileSync(join(d, f));
      const at = Math.floor(data.length / 2);
      data[at] = (data[at] as number) ^ 0x10;
      writeFileSync(join(d, f), data);
    });
    const e = await refusal(dir);
    expect(e.code).toBe('SNAPSHOT_CORRUPT');
    expect(e.message).toMatch(/window-.*\.0\.bin does not match its sha-256 checksum/);
  });

  it('refuses a truncated file', async () => {
    const dir = damaged((d, f) => truncateSync(join(d, f), 10));
    const e = await refusal(dir);
    expect(e.message).toMatch(/\.0\.bin is truncated \(10 of \d+ bytes\)/);
  });

  it('refuses a file with bytes appended', async () => {
    const dir = damaged((d, f) => appendFileSync(join(d, f), 'x'));
    expect((await refusal(dir)).message).toMatch(/is longer than written/);
  });

  it('refuses a missing file', async () => {
    const dir = damaged((d, f) => unlinkSync(join(d, f)));
    const e = await refusal(dir);
    expect(e.message).toMatch(/window-.*\.0\.bin is missing/);
  });

  it('refuses an edited manifest', async () => {
    const dir = damaged((d) => {
      const p = join(d, 'MANIFEST.json');
      writeFileSync(p, readFileSync(p, 'utf8').replace('"parallelism": 2', '"parallelism": 3'));
    });
    expect((await refusal(dir)).message).toMatch(/MANIFEST\.json does not match its checksum/);
  });

  it('refuses a manifest that does not parse', async () => {
    const dir = damaged((d) => {
      writeFileSync(join(d, 'MANIFEST.json'), '{ not json');
      writeFileSync(join(d, 'MANIFEST.json.sha256'), sha256(Buffer.from('{ not json')) + '\n');
    });
    expect((await refusal(dir)).message).toMatch(/MANIFEST\.json is not valid JSON/);
  });

  it('refuses a format version it does not read', async () => {
    const dir = damaged((d) => {
      const p = join(d, 'MANIFEST.json');
      const text = readFileSync(p, 'utf8').replace('"version": 1', '"version": 99');
      writeFileSync(p, text);
      writeFileSync(join(d, 'MANIFEST.json.sha256'), sha256(Buffer.from(text)) + '\n');
    });
    const e = await refusal(dir);
    expect(e.code).toBe('SNAPSHOT_FORMAT');
    expect(e.message).toContain('version is 99');
  });

  it('refuses a directory without a snapshot', async () => {
    const e = await refusal(join(work, 'nothing-here'));
    expect(e.code).toBe('NO_SNAPSHOT');
  });

  it('refuses a pipeline whose shape changed, naming the operator that differs', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    build(env, 300);
    await env.restore(original);
    let error: unknown;
    try {
      env.execute();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RivuletError);
    expect((error as RivuletError).code).toBe('SNAPSHOT_MISMATCH');
    expect((error as RivuletError).message).toContain('window tumbling(300)');
  });

  it('refuses another maxParallelism, since key groups cannot be remapped', async () => {
    const env = new StreamEnvironment({ parallelism: 2, maxParallelism: 64 });
    await expect(env.restore(original)).rejects.toMatchObject({ code: 'SNAPSHOT_MISMATCH' });
  });

  it('never overwrites an existing snapshot', async () => {
    const clock = new VirtualClock(0);
    const env = new StreamEnvironment({ clock });
    build(env);
    const job = env.execute();
    await driveUntil(clock, job, 500);
    await expect(env.snapshot(original)).rejects.toMatchObject({ code: 'SNAPSHOT_EXISTS' });
    await job.stop();
  });

  it('says what to do when no job is running', async () => {
    const env = new StreamEnvironment();
    await expect(env.snapshot(join(work, 'x'))).rejects.toMatchObject({ code: 'NO_RUNNING_JOB' });
  });
});

describe('operator ids across pipeline changes', () => {
  /** `extraStep` adds a filter (that keeps everything) upstream of the window: a change of the plan's shape. */
  async function countsWith(label: string, windowUid: string | null, extraStep: boolean, dir: string | null, snapshotTo: string | null) {
    const clock = new VirtualClock(0);
    const env = new StreamEnvironment({ clock });
    const rows: string[] = [];
    const timed = env
      .fromGenerator(nexmark.bids({ seed: 9 }), { count: 3000, eventsPerSecond: 1000 })
      .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 50 });
    const keyed = (extraStep ? timed.filter((b) => b.price >= 0) : timed)
      .keyBy('auction')
      .window(Windows.tumbling(200))
      .aggregate({ n: agg.count() });
    if (windowUid) keyed.uid(windowUid);
    keyed.addSink((r) => rows.push(`${label}${r.key}@${r.windowStart}:${r.n}`));
    if (dir) await env.restore(dir);
    const job = env.execute();
    if (snapshotTo) {
      await driveUntil(clock, job, 1500);
      await env.snapshot(snapshotTo);
      await job.stop();
    } else {
      await driveUntil(clock, job);
      await job;
    }
    return rows.map((r) => r.slice(label.length));
  }

  it('keeps a window\'s state across a change upstream when the window has a uid, as in Flink', async () => {
    const dir = join(work, 'uid');
    const before = await countsWith('a', 'counts', false, null, dir);
    const after = await countsWith('b', 'counts', true, dir, null);
    const whole = await countsWith('c', 'counts', false, null, null);
    expect([...before, ...after].sort()).toEqual([...whole].sort());
  });

  it('refuses the same change without a uid, naming the operator whose state would be lost', async () => {
    const dir = join(work, 'no-uid');
    await countsWith('a', null, false, null, dir);
    await expect(countsWith('b', null, true, dir, null)).rejects.toThrow(/holds the state of "window tumbling\(200\) aggregate \{n\}".*Operator "filter"/);
  });
});
