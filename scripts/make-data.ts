// Makes the teaching recordings in data/ from the seeded generators: `npm run data` (or `tsx
// scripts/make-data.ts DIR`). The files are byte-identical every time (fixed seeds, a fixed created-at in the
// headers), and a test checks the committed ones against their sha-256 in data/SHA256SUMS.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StreamEnvironment, nexmark, sensors, clicks, trades, type Generator } from '../runtime/index.ts';

const CREATED_AT = '2026-01-01T00:00:00.000Z';

interface DataFile {
  readonly file: string;
  readonly generator: Generator<any>;
  readonly count: number;
  readonly time: (e: any) => number;
  readonly maxOutOfOrderness: number;
}

export const DATA_FILES: readonly DataFile[] = [
  // 20 s of Nexmark bids at 200 bids/s, up to 0.5 s out of order.
  { file: 'nexmark-bids.jsonl', generator: nexmark.bids({ seed: 42, rate: 200, maxOutOfOrderMs: 500 }), count: 4000, time: (b) => b.dateTime, maxOutOfOrderness: 500 },
  // 3 minutes of 6 sensors reporting every second; sensor-06 goes dead after 60 s; 3 % of readings arrive late.
  { file: 'sensors.jsonl', generator: sensors({ seed: 7, deadAfterMs: 60_000 }), count: 1000, time: (r) => r.time, maxOutOfOrderness: 2000 },
  // 2 minutes of clicks at 50/s: 200 users, 400 items, sessions of about a minute.
  { file: 'clicks.jsonl', generator: clicks({ seed: 3 }), count: 6000, time: (c) => c.time, maxOutOfOrderness: 250 },
  // 3 minutes of trades at 20/s over 5 symbols and 40 accounts.
  { file: 'trades.jsonl', generator: trades({ seed: 5 }), count: 3600, time: (t) => t.time, maxOutOfOrderness: 300 },
];

export const SUMS_FILE = 'SHA256SUMS';

/** Writes every data file into `dir` (replacing what is there) and its SHA256SUMS; returns the sums. */
export async function makeData(dir: string): Promise<Map<string, string>> {
  mkdirSync(dir, { recursive: true });
  const sums = new Map<string, string>();
  for (const d of DATA_FILES) {
    const path = join(dir, d.file);
    rmSync(path, { force: true });
    const env = new StreamEnvironment();
    env
      .fromGenerator(d.generator, { count: d.count })
      .withWatermarks({ timestamp: d.time, maxOutOfOrderness: d.maxOutOfOrderness })
      .record(path, { createdAt: CREATED_AT });
    await env.execute(`make ${d.file}`);
    sums.set(d.file, createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  writeFileSync(join(dir, SUMS_FILE), [...sums].map(([f, h]) => `${h}  ${f}\n`).join(''));
  return sums;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'data'));
  const sums = await makeData(dir);
  for (const [f, h] of sums) console.log(`${h}  ${join(dir, f)}`);
}
