// Crash recovery with a real process: a child runs a Nexmark pipeline with periodic checkpoints and an
// exactly-once file sink, and is killed with SIGKILL at random moments, then restarted (it restores the latest
// complete checkpoint) until it finishes. The file must then hold exactly the rows of an uninterrupted run:
// nothing lost, nothing duplicated. `npm run test:chaos` runs many more kills (CHAOS_KILLS).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment } from '../../../runtime/index.ts';
import { buildChaosPipeline } from '../../fixtures/chaos/chaos-job.ts';
import { seededRandom } from '../../helpers/random-stream.ts';

const KILLS = Number(process.env.CHAOS_KILLS ?? 6);
const RATE = 15_000;
// Long enough that every kill lands while the job still runs (a kill lands 0.05–1 s after the job starts).
const COUNT = Math.round(RATE * (2 + KILLS));
const work = mkdtempSync(join(tmpdir(), 'rivulet-chaos-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runChild(out: string, dir: string, killAfterMs: number | null): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/chaos/chaos-job.ts', out, dir, String(COUNT), String(RATE)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // The kill timer starts once the job runs (start-up time varies with the machine's load).
      if (killAfterMs !== null && timer === null && stderr.includes('running')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter(Boolean).sort();

describe('crash recovery with a real process', () => {
  it(`gives exactly the uninterrupted output after ${KILLS} SIGKILLs at random moments`, async () => {
    const reference = join(work, 'reference.jsonl');
    const env = new StreamEnvironment({ parallelism: 2 });
    buildChaosPipeline(env, reference, COUNT);
    await env.execute('reference');
    const expected = lines(reference);
    expect(expected.length).toBeGreaterThan(1000);
    expect(expected.some((l) => l.includes('"op":"+U"'))).toBe(true);

    const out = join(work, 'out.jsonl');
    const dir = join(work, 'checkpoints');
    const rng = seededRandom(Number(process.env.CHAOS_SEED ?? 1));
    let kills = 0;
    let restores = 0;
    for (let attempt = 0; attempt < KILLS * 3 + 10; attempt++) {
      const killAfter = kills < KILLS ? 50 + Math.floor(rng() * 950) : null;
      const r = await runChild(out, dir, killAfter);
      if (r.stderr.includes('restored')) restores++;
      if (r.signal === 'SIGKILL') {
        kills++;
        continue;
      }
      expect(r.code, r.stderr).toBe(0);
      break;
    }
    expect(kills).toBe(KILLS);
    expect(restores).toBeGreaterThan(0);
    expect(lines(out)).toEqual(expected);
  }, 600_000);
});
