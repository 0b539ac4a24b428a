// Fuzzed input never crashes a JSON-lines source or a recording replay: lines of random bytes between good
// lines each become exactly one dead letter (with their line number), every good line becomes a record, and
// the job goes on. Seeded, so a failure replays.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, type DeadLetter } from '../../../runtime/index.ts';
import { Rng } from '../../../runtime/generators/random.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A line of 1..60 random bytes, never a newline, never only blanks. */
function garbage(rng: Rng): Buffer {
  const n = 1 + rng.int(60);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    let x = rng.int(256);
    while (x === 0x0a) x = rng.int(256);
    b[i] = x;
  }
  if (b.toString('latin1').trim() === '') b[0] = 0x7e; // '~'
  return b;
}

interface Fuzzed {
  bytes: Buffer;
  good: unknown[];
  badLines: number[];
}

/** `header` lines first, then 300 lines: good ones made by `line(i)` and garbage, mixed at random. */
function fuzz(seed: number, header: string[], line: (i: number) => string): Fuzzed {
  const rng = new Rng(seed);
  const parts: Buffer[] = header.map((h) => Buffer.from(h + '\n'));
  const good: unknown[] = [];
  const badLines: number[] = [];
  for (let i = 0; i < 300; i++) {
    const lineNo = header.length + i + 1;
    if (rng.next() < 0.3) {
      parts.push(garbage(rng), Buffer.from('\n'));
      badLines.push(lineNo);
    } else {
      parts.push(Buffer.from(line(good.length) + '\n'));
      good.push({ i: good.length, s: `v${good.length}` });
    }
  }
  return { bytes: Buffer.concat(parts), good, badLines };
}

async function read(make: (env: StreamEnvironment) => { deadLetters(): { addSink(f: (d: DeadLetter) => void): unknown }; collect(): Promise<unknown[]> }): Promise<{ rows: unknown[]; dead: DeadLetter[] }> {
  const env = new StreamEnvironment();
  const s = make(env);
  const dead: DeadLetter[] = [];
  s.deadLetters().addSink((d) => void dead.push(d));
  return { rows: await s.collect(), dead };
}

describe('fuzzed lines', () => {
  it('in a JSON-lines file: each garbage line is one dead letter and every good line a row', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const f = fuzz(seed, [], (i) => JSON.stringify({ i, s: `v${i}` }));
      const path = join(work, `fuzz-${seed}.jsonl`);
      writeFileSync(path, f.bytes);
      const { rows, dead } = await read((env) => env.fromJsonl(path, { chunkBytes: 97 }));
      expect(rows, `seed ${seed}`).toEqual(f.good);
      expect(dead.map((d) => d.line), `seed ${seed}`).toEqual(f.badLines);
    }
  });

  it('in a recording: each garbage line is one dead letter, every event replays, under env.replay too', async () => {
    const header = JSON.stringify({ rivulet: 'recording', version: 1, schema: { i: 'number', s: 'string' }, eventTime: true, createdAt: '2026-01-01T00:00:00.000Z' });
    for (const seed of [6, 7, 8, 9, 10]) {
      const f = fuzz(seed, [header], (i) => JSON.stringify({ t: 1000 + 10 * i, n: i, e: { i, s: `v${i}` } }));
      const path = join(work, `fuzz-${seed}.rec.jsonl`);
      writeFileSync(path, f.bytes);
      const { rows, dead } = await read((env) => env.fromRecording(path, { speed: Infinity, chunkBytes: 61 }));
      expect(rows, `seed ${seed}`).toEqual(f.good);
      expect(dead.map((d) => d.line), `seed ${seed}`).toEqual(f.badLines);

      const env = new StreamEnvironment();
      const s = env.fromRecording(path);
      const replayed: unknown[] = [];
      const letters: DeadLetter[] = [];
      s.addSink((r) => void replayed.push(r));
      s.deadLetters().addSink((d) => void letters.push(d));
      env.replay.speed(Infinity);
      const end = await env.replay.play();
      expect(end.status).toBe('finished');
      expect(end.position.events).toBe(300);
      expect(replayed).toEqual(f.good);
      expect(letters.map((d) => d.line)).toEqual(f.badLines);
    }
  });
});
