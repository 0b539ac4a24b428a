// env.replay: step(n) releases exactly n events, stepTo(t) stops before the first later event, results are the
// same at any speed, parallelism and pattern of steps, and seeking back (restoring an automatic snapshot)
// shows what a fresh replay to that point shows.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, nexmark, RivuletError, type Bid, type View } from '../../../../runtime/index.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-replay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const path = join(work, 'bids.jsonl');
const COUNT = 3000;

beforeAll(async () => {
  const env = new StreamEnvironment();
  env
    .fromGenerator(nexmark.bids({ seed: 11, rate: 1000, maxOutOfOrderMs: 300 }), { count: COUNT })
    .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 150 })
    .record(path);
  await env.execute();
});

/** The event times in the recording, in arrival order. */
const times = (): number[] => readFileSync(path, 'utf8').split('\n').slice(1).filter((l) => l !== '').map((l) => JSON.parse(l).t as number);

interface Setup {
  env: StreamEnvironment;
  view: View<Record<string, unknown>>;
  seen: { n: number };
}

function setup(parallelism = 1, speed?: number): Setup {
  const env = new StreamEnvironment({ parallelism });
  const seen = { n: 0 };
  const bids = env.fromRecording<Bid>(path, speed === undefined ? {} : { speed });
  bids.addSink(() => void seen.n++);
  const view = bids
    .keyBy((b) => b.auction % 7)
    .window(Windows.tumbling(250))
    .aggregate({ n: agg.count(), hi: agg.max('price') })
    .view({ name: 'per-auction', display: false }) as unknown as View<Record<string, unknown>>;
  return { env, view, seen };
}

const sorted = (v: View<Record<string, unknown>>): string[] => v.rows().map((r) => JSON.stringify(r)).sort();

describe('env.replay stepping', () => {
  it('releases exactly n more events with step(n), then stands paused with the views updated', async () => {
    const { env, view, seen } = setup(2);
    let total = 0;
    for (const n of [1, 1, 5, 37, 400, 1]) {
      const s = await env.replay.step(n);
      total += n;
      expect(s.status).toBe('paused');
      expect(s.position.events).toBe(total);
      expect(seen.n).toBe(total);
      expect(env.replay.job?.status).toBe('paused');
    }
    expect(view.size).toBeGreaterThan(0);
    expect(view.progress().replay).toMatchObject({ events: total });
    expect(view.text()).toContain(`replay at event ${total}`);
  });

  it('stops at the end of the recording when n is larger than what is left', async () => {
    const { env, seen } = setup();
    await env.replay.step(COUNT - 3);
    const s = await env.replay.step(10);
    expect(s.position.events).toBe(COUNT);
    expect(s.status).toBe('finished');
    expect(seen.n).toBe(COUNT);
  });

  it('stepTo(t) releases events in arrival order up to the first one later than t', async () => {
    const t = times();
    const { env, seen } = setup();
    for (const target of [(t[100] as number) + 3, (t[1500] as number) - 1, t[2200] as number]) {
      const expected = t.findIndex((x) => x > target);
      const s = await env.replay.stepTo(target);
      expect(s.position.events).toBe(expected);
      expect(seen.n).toBe(expected);
      expect(s.position.eventTime).toBe(Math.max(...t.slice(0, expected)));
    }
  });

  it('refuses a step that is not a positive whole number, and an environment without recordings', () => {
    const { env } = setup();
    expect(() => env.replay.step(0)).toThrow(RivuletError);
    expect(() => env.replay.step(1.5)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => env.replay.speed(-1)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    const plain = new StreamEnvironment();
    plain.fromElements(1, 2).addSink(() => {});
    expect(() => plain.replay.play()).toThrow(expect.objectContaining({ code: 'REPLAY_NO_RECORDING' }));
  });
});

describe('env.replay determinism', () => {
  it('gives the same view at speeds Infinity and 200, at parallelism 1 and 3, and in steps', async () => {
    const a = setup(1);
    a.env.replay.speed(Infinity);
    expect((await a.env.replay.play()).status).toBe('finished');
    const reference = sorted(a.view);
    expect(reference.length).toBeGreaterThan(20);

    const b = setup(3, 200);
    expect(b.env.replay.state.speed).toBe(200);
    expect((await b.env.replay.play()).status).toBe('finished');
    expect(sorted(b.view)).toEqual(reference);

    const c = setup(2);
    for (const n of [3, 70, 1, 999]) await c.env.replay.step(n);
    c.env.replay.speed(Infinity);
    await c.env.replay.play();
    expect(sorted(c.view)).toEqual(reference);
  });

  it('pauses a playing replay where it is, and plays on to the same end', async () => {
    const ref = setup(1);
    ref.env.replay.speed(Infinity);
    await ref.env.replay.play();

    const { env, view } = setup(2, 1);
    const playing = env.replay.play();
    const deadline = Date.now() + 20_000;
    while (env.replay.state.position.events < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(env.replay.state.status).toBe('playing');
    const paused = await env.replay.pause();
    await playing;
    expect(paused.status).toBe('paused');
    expect(paused.position.events).toBeGreaterThanOrEqual(200);
    expect(paused.position.events).toBeLessThan(COUNT);
    env.replay.speed(Infinity);
    await env.replay.play();
    expect(sorted(view)).toEqual(sorted(ref.view));
  });
});

describe('env.replay seek', () => {
  it('seeks back by restoring an automatic snapshot: the view equals a fresh replay to that point', async () => {
    const t = times();
    const a = setup(2);
    a.env.replay.snapshotEvery = 400;
    a.env.replay.speed(Infinity);
    await a.env.replay.play();
    expect(a.env.replay.automaticSnapshots).toBeGreaterThanOrEqual(5);
    for (const target of [t[2500] as number, t[1234] as number, (t[10] as number) + 1, t[2999] as number]) {
      const back = await a.env.replay.seek(target);
      const fresh = setup(1);
      const there = await fresh.env.replay.seek(target);
      expect(back.position).toEqual(there.position);
      expect(sorted(a.view)).toEqual(sorted(fresh.view));
      expect(a.view.progress().eventsIn).toBe(there.position.events);
      expect(a.view.progress().lateDropped).toBe(fresh.view.progress().lateDropped);
    }
  });

  it('keeps its snapshots when a seek goes back before the first one, and seeks back to the end again', async () => {
    const t = times();
    const a = setup(1);
    a.env.replay.snapshotEvery = 500;
    a.env.replay.speed(Infinity);
    await a.env.replay.play();
    const taken = a.env.replay.automaticSnapshots;
    expect(taken).toBeGreaterThanOrEqual(4);
    const start = await a.env.replay.seek(-Infinity);
    expect(start.position).toEqual({ events: 0, eventTime: null });
    expect(a.view.size).toBe(0);
    expect(a.env.replay.automaticSnapshots).toBe(taken);
    const late = await a.env.replay.seek(t[2900] as number);
    const fresh = setup(2);
    expect(late.position).toEqual((await fresh.env.replay.seek(t[2900] as number)).position);
    expect(sorted(a.view)).toEqual(sorted(fresh.view));
  });

  it('seeks forward by fast replay and then plays on to the results of an uninterrupted replay', async () => {
    const t = times();
    const ref = setup(1);
    ref.env.replay.speed(Infinity);
    await ref.env.replay.play();
    const { env, view } = setup(3);
    const s = await env.replay.seek(t[1800] as number);
    expect(s.status).toBe('paused');
    expect(s.position.events).toBe(t.findIndex((x) => x > (t[1800] as number)));
    await env.replay.seek(t[600] as number);
    env.replay.speed(Infinity);
    await env.replay.play();
    expect(sorted(view)).toEqual(sorted(ref.view));
  });
});
