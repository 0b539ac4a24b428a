// Recordings: stream.record(path) writes a header and one line per event with its event time and arrival order;
// env.fromRecording(path, { speed }) replays it with those event times, paced on the environment's clock, so a
// windowed pipeline over a replay gives the results of the original run at any speed and parallelism.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, VirtualClock, Windows, agg, nexmark, RivuletError, type Bid, type DeadLetter } from '../../../../runtime/index.ts';
import { recordingSource } from '../../../../runtime/connectors/recording/recording-source.ts';
import { RecordedEvent } from '../../../../runtime/connectors/recording/recording-format.ts';
import { DeadLetterItem } from '../../../../runtime/connectors/files/dead-letter.ts';
import { driveUntil } from '../../../helpers/virtual-run.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-recording-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let files = 0;
const fresh = (name = 'rec'): string => join(work, `${name}-${++files}.jsonl`);

const COUNT = 3000;
const BIDS = { seed: 7, rate: 1000, maxOutOfOrderMs: 200 };
const bids = (env: StreamEnvironment) =>
  env
    .fromGenerator(nexmark.bids(BIDS), { count: COUNT })
    .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 100 });

/** The keyed tumbling window every comparison uses; its rows go to `out`. */
const windowed = (s: { keyBy(f: (b: Bid) => number): any }, out: string[]): void =>
  s
    .keyBy((b: Bid) => b.auction % 13)
    .window(Windows.tumbling(100))
    .aggregate({ n: agg.count(), hi: agg.max('price'), total: agg.sum('price') })
    .addSink((r: unknown, k: string) => void out.push(k + JSON.stringify(r)));

/** Records the bids stream into a new file and returns its path and the window results of that original run. */
async function recordBids(): Promise<{ path: string; original: string[] }> {
  const path = fresh();
  const original: string[] = [];
  const env = new StreamEnvironment({ parallelism: 2 });
  const s = bids(env);
  s.record(path);
  windowed(s, original);
  await env.execute();
  return { path, original };
}

const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');

describe('recording a stream', () => {
  it('writes a header naming the format, schema, generator, watermark bound and creation time', async () => {
    const { path } = await recordBids();
    const [first, second] = lines(path);
    const header = JSON.parse(first as string);
    expect(header).toMatchObject({ rivulet: 'recording', version: 1, eventTime: true, generator: 'nexmark.bids', maxOutOfOrderness: 100 });
    expect(header.schema).toEqual({ auction: 'number', bidder: 'number', price: 'number', channel: 'string', url: 'string', dateTime: 'number', extra: 'string' });
    expect(Number.isNaN(Date.parse(header.createdAt))).toBe(false);
    const event = JSON.parse(second as string);
    expect(event.n).toBe(0);
    expect(event.t).toBe(event.e.dateTime);
    expect(event.e).toEqual(nexmark.bids(BIDS).at(0));
  });

  it('writes one line per event in arrival order, with a null event time for a stream without event time', async () => {
    const path = fresh();
    const env = new StreamEnvironment();
    env.fromElements({ a: 1 }, { a: 2, b: 'x' }, { a: 3 }).record(path);
    await env.execute();
    const [first, ...events] = lines(path).map((l) => JSON.parse(l));
    expect(first).toMatchObject({ eventTime: false, schema: { a: 'number', b: 'string' } });
    expect(first.generator).toBeUndefined();
    expect(events).toEqual([
      { t: null, n: 0, e: { a: 1 } },
      { t: null, n: 1, e: { a: 2, b: 'x' } },
      { t: null, n: 2, e: { a: 3 } },
    ]);
    const env2 = new StreamEnvironment();
    expect(await env2.fromRecording(path).collect()).toEqual([{ a: 1 }, { a: 2, b: 'x' }, { a: 3 }]);
  });

  it('holds every event once, in arrival order, when the recording job is snapshotted, stopped and restored', async () => {
    const path = fresh();
    const dir = join(work, 'recording-snapshot');
    const build = (env: StreamEnvironment): void =>
      void env
        .fromGenerator(nexmark.bids(BIDS), { count: 2000, eventsPerSecond: 1000 })
        .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 100 })
        .record(path);
    const clock1 = new VirtualClock(0);
    const env1 = new StreamEnvironment({ clock: clock1 });
    build(env1);
    const job1 = env1.execute();
    await driveUntil(clock1, job1, 800);
    job1.pause();
    await env1.snapshot(dir);
    await job1.stop();
    const partial = lines(path).length - 1;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(2000);

    const clock2 = new VirtualClock(0);
    const env2 = new StreamEnvironment({ clock: clock2 });
    build(env2);
    await env2.restore(dir);
    const job2 = env2.execute();
    await driveUntil(clock2, job2);
    await job2;
    const [header, ...events] = lines(path).map((l) => JSON.parse(l));
    expect(header.rivulet).toBe('recording');
    expect(events.map((e) => e.n)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    const gen = nexmark.bids(BIDS);
    expect(events.map((e) => e.e)).toEqual(Array.from({ length: 2000 }, (_, i) => gen.at(i)));
  });

  it('refuses to record a changelog stream', () => {
    const env = new StreamEnvironment();
    const counts = env.fromElements({ k: 1 }).keyBy('k').aggregate({ n: agg.count() });
    expect(() => counts.record(fresh())).toThrow(expect.objectContaining({ code: 'RECORD_CHANGELOG' }));
  });
});

describe('replaying a recording', () => {
  it('gives a keyed tumbling window the same results as the original stream, at speed Infinity', async () => {
    const { path, original } = await recordBids();
    expect(lines(path)).toHaveLength(COUNT + 1);
    const replayed: string[] = [];
    const env = new StreamEnvironment({ parallelism: 3 });
    windowed(env.fromRecording<Bid>(path, { speed: Infinity }), replayed);
    await env.execute();
    expect(original.length).toBeGreaterThan(50);
    expect(replayed.sort()).toEqual([...original].sort());
  });

  it('gives identical results at speeds 0.5, 1, 10 and Infinity and at any parallelism on a virtual clock', async () => {
    const { path, original } = await recordBids();
    const times = lines(path).slice(1).map((l) => JSON.parse(l).t as number);
    const span = Math.max(...times) - (times[0] as number);
    expect(span).toBeGreaterThan(2_500);
    for (const [speed, parallelism] of [[0.5, 1], [1, 4], [10, 2], [Infinity, 3]] as const) {
      const out: string[] = [];
      const clock = new VirtualClock(1_000);
      const env = new StreamEnvironment({ parallelism, clock });
      windowed(env.fromRecording<Bid>(path, { speed }), out);
      const job = env.execute();
      await driveUntil(clock, job, Infinity, 100);
      await job;
      expect(out.sort(), `speed ${speed}`).toEqual([...original].sort());
      // The replay took the recording's event-time span divided by the speed, in virtual time (to a clock step).
      const took = clock.now() - 1_000;
      if (Number.isFinite(speed)) expect(took).toBeGreaterThanOrEqual(span / speed);
      if (Number.isFinite(speed)) expect(took).toBeLessThanOrEqual(span / speed + 200);
      else expect(took).toBeLessThanOrEqual(200);
    }
  });

  it('paces events by event time on the clock: an event is due at start + (t - firstT) / speed', () => {
    const { path } = { path: fresh() };
    writeFileSync(
      path,
      [
        JSON.stringify({ rivulet: 'recording', version: 1, schema: { v: 'number' }, eventTime: true, createdAt: new Date(0).toISOString() }),
        ...[
          [1000, 0],
          [1400, 1],
          [1200, 2], // out of order: due right after the one before it
          [3000, 3],
        ].map(([t, n]) => JSON.stringify({ t, n, e: { v: n } })),
      ].join('\n') + '\n',
    );
    const reader = recordingSource(path, { speed: 2 }).open(0, 500);
    const take = (now: number): unknown[] => reader.read(100, now).map((r) => (r as RecordedEvent).n);
    expect(reader.nextDue()).toBe(500);
    expect(take(499)).toEqual([]);
    expect(take(500)).toEqual([0]);
    expect(reader.nextDue()).toBe(700);
    expect(take(700)).toEqual([1, 2]);
    expect(reader.nextDue()).toBe(1500);
    expect(take(1499)).toEqual([]);
    expect(take(1500)).toEqual([3]);
    expect(reader.done).toBe(true);
    const fast = recordingSource(path, { speed: Infinity }).open(0, 0);
    expect(fast.nextDue()).toBe(-Infinity);
    expect(fast.read(100, 0)).toHaveLength(4);
  });

  it('tolerates a recording cut off mid-line: every whole line replays and the partial one is a dead letter', async () => {
    const { path } = await recordBids();
    const all = readFileSync(path, 'utf8');
    const cut = fresh('cut');
    const lastStart = all.lastIndexOf('\n', all.length - 2) + 1;
    writeFileSync(cut, all.slice(0, lastStart + 40)); // the last event line, cut after 40 bytes
    const env = new StreamEnvironment();
    const s = env.fromRecording<Bid>(cut, { speed: Infinity });
    const dead: DeadLetter[] = [];
    s.deadLetters().addSink((d) => void dead.push(d));
    const rows = await s.collect();
    expect(rows).toHaveLength(COUNT - 1);
    expect(rows[COUNT - 2]).toEqual(nexmark.bids(BIDS).at(COUNT - 2));
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ source: cut, line: COUNT + 1, offset: lastStart });
    expect(dead[0]?.error).toMatch(/partial line/);
  });

  it('sends lines that are not events to the dead letters and goes on', async () => {
    const path = fresh();
    const env0 = new StreamEnvironment();
    env0.fromElements({ a: 1 }, { a: 2 }).record(path);
    await env0.execute();
    appendFileSync(path, 'not json\n{"t":null,"n":2}\n{"t":null,"n":3,"e":{"a":3}}\n');
    const env = new StreamEnvironment();
    const s = env.fromRecording(path);
    const dead: DeadLetter[] = [];
    s.deadLetters().addSink((d) => void dead.push(d));
    expect(await s.collect()).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(dead.map((d) => d.line)).toEqual([4, 5]);
  });

  it('resumes from a byte offset exactly where a reader left off', () => {
    const path = fresh();
    writeFileSync(
      path,
      [JSON.stringify({ rivulet: 'recording', version: 1, schema: {}, eventTime: true, createdAt: '' }), ...[5, 6, 7, 8].map((t, n) => JSON.stringify({ t, n, e: n }))].join('\n') + '\n',
    );
    const spec = recordingSource(path, { speed: Infinity });
    const r = spec.open(0, 0);
    expect(r.read(2, 0).map((x) => (x as RecordedEvent).e)).toEqual([0, 1]);
    const resumed = spec.open(r.offset, 0);
    expect(resumed.read(10, 0).map((x) => (x instanceof DeadLetterItem ? x : (x as RecordedEvent).e))).toEqual([2, 3]);
  });

  it('restores a snapshot of a paused replay and, together, gives the results of an uninterrupted replay', async () => {
    const { path, original } = await recordBids();
    const out: string[] = [];
    const clock1 = new VirtualClock(0);
    const env1 = new StreamEnvironment({ parallelism: 2, clock: clock1 });
    windowed(env1.fromRecording<Bid>(path, { speed: 1 }), out);
    const job1 = env1.execute();
    await driveUntil(clock1, job1, 1_200, 100);
    job1.pause();
    const dir = join(work, 'snapshot');
    const info = await env1.snapshot(dir);
    const offset = Object.values(info.sources)[0] as number;
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(statSync(path).size);
    await job1.stop();
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThan(original.length);

    const clock2 = new VirtualClock(0);
    const env2 = new StreamEnvironment({ parallelism: 3, clock: clock2 });
    windowed(env2.fromRecording<Bid>(path, { speed: 1 }), out);
    await env2.restore(dir);
    const job2 = env2.execute();
    await driveUntil(clock2, job2, Infinity, 100);
    await job2;
    expect(out.sort()).toEqual([...original].sort());
  });
});

describe('recording errors', () => {
  const errorOf = (f: () => unknown): RivuletError => {
    try {
      f();
    } catch (e) {
      return e as RivuletError;
    }
    throw new Error('expected an error');
  };

  it('names the file when it is missing', () => {
    const missing = join(work, 'nope.jsonl');
    const e = errorOf(() => new StreamEnvironment().fromRecording(missing));
    expect(e).toBeInstanceOf(RivuletError);
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.message).toContain(missing);
  });

  it('names the file when it is not a recording', () => {
    const path = fresh();
    writeFileSync(path, '{"a":1}\n{"a":2}\n');
    const e = errorOf(() => new StreamEnvironment().fromRecording(path));
    expect(e).toBeInstanceOf(RivuletError);
    expect(e.code).toBe('BAD_RECORDING');
    expect(e.message).toContain(path);
    const empty = fresh();
    writeFileSync(empty, '');
    expect(errorOf(() => new StreamEnvironment().fromRecording(empty)).code).toBe('BAD_RECORDING');
  });

  it('names the file and the version when the format version is unsupported', () => {
    const path = fresh();
    writeFileSync(path, JSON.stringify({ rivulet: 'recording', version: 2, schema: {}, createdAt: '' }) + '\n');
    const e = errorOf(() => new StreamEnvironment().fromRecording(path));
    expect(e).toBeInstanceOf(RivuletError);
    expect(e.code).toBe('RECORDING_VERSION');
    expect(e.message).toContain(path);
    expect(e.message).toContain('version 2');
  });

  it('refuses a speed that is not a positive number', () => {
    const { path } = { path: fresh() };
    writeFileSync(path, JSON.stringify({ rivulet: 'recording', version: 1, schema: {}, createdAt: '' }) + '\n');
    expect(errorOf(() => new StreamEnvironment().fromRecording(path, { speed: 0 })).code).toBe('BAD_ARGUMENT');
  });
});
