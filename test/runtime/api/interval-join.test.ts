import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  IntervalJoinResultStream,
  OutputTag,
  RivuletError,
  StreamEnvironment,
  VirtualClock,
  type Tagged,
} from '../../../runtime/index.ts';
import { driveUntil, runInLegs, runToEnd } from '../../helpers/virtual-run.ts';
import type { StreamRecord } from '../../helpers/random-stream.ts';
import { intervalPairs, ownWatermarks, randomInputs, type Inputs, hash } from './join-testing.ts';
import { error } from '../../helpers/rivulet-errors.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-interval-join-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(work, `s${++n}`);

interface Impression {
  ad: string;
  t: number;
}
interface Click {
  ad: string;
  t: number;
  user: string;
}

const impressions: Impression[] = [
  { ad: 'a', t: 1_000 },
  { ad: 'b', t: 1_500 },
  { ad: 'a', t: 5_000 },
];
const clicks: Click[] = [
  { ad: 'a', t: 1_200, user: 'u1' },
  { ad: 'b', t: 4_000, user: 'u2' },
  { ad: 'a', t: 5_000, user: 'u3' },
  { ad: 'a', t: 9_000, user: 'u4' },
];

describe('a.keyBy(k).intervalJoin(b.keyBy(k)).between(lower, upper)', () => {
  it.each([1, 2, 4])('joins right elements within [left.ts + lower, left.ts + upper] of the same key (parallelism %i)', async (parallelism) => {
    const env = new StreamEnvironment({ parallelism });
    const imp = env.fromArray(impressions).withWatermarks({ timestamp: 't' });
    const clk = env.fromArray(clicks).withWatermarks({ timestamp: 't' });
    const joined = imp
      .keyBy('ad')
      .intervalJoin(clk.keyBy('ad'))
      .between(0, 2_000)
      .apply((i, c) => `${i.ad}@${i.t} clicked by ${c.user}`);
    expect(joined).toBeInstanceOf(IntervalJoinResultStream);
    expect((await joined.collect()).sort()).toEqual(['a@1000 clicked by u1', 'a@5000 clicked by u3']);
  });

  it('gives process() the key, both timestamps and the joined timestamp, and side outputs', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const slow = new OutputTag<string>('slow');
    const joined = env
      .fromArray(impressions)
      .withWatermarks({ timestamp: 't' })
      .keyBy('ad')
      .intervalJoin(env.fromArray(clicks).withWatermarks({ timestamp: 't' }).keyBy('ad'))
      .between(-500, 5_000)
      .process<{ ad: string; left: number; right: number; at: number }>((_i, c, ctx, out) => {
        if (ctx.rightTimestamp - ctx.leftTimestamp > 2_000) ctx.output(slow, `${ctx.key}:${c.user}`);
        else out.collect({ ad: ctx.key, left: ctx.leftTimestamp, right: ctx.rightTimestamp, at: ctx.timestamp });
      });
    const slowRows = await joined.sideOutput(slow).collect();
    expect(slowRows.sort()).toEqual(['a:u3', 'a:u4', 'b:u2']);
    expect(joined.getSideOutput(slow)).toBe(joined.sideOutput(slow));
    expect((await joined.collect()).sort((x, y) => x.left - y.left || x.right - y.right)).toEqual([
      { ad: 'a', left: 1000, right: 1200, at: 1200 },
      { ad: 'a', left: 5000, right: 5000, at: 5000 },
      { ad: 'a', left: 5000, right: 9000, at: 9000 },
    ].filter((r) => r.right - r.left <= 2_000));
  });

  it('takes Flink\'s ProcessJoinFunction object form, and exclusive bounds', async () => {
    const env = new StreamEnvironment();
    const rows = await env
      .fromArray(impressions)
      .withWatermarks({ timestamp: 't' })
      .keyBy('ad')
      .intervalJoin(env.fromArray(clicks).withWatermarks({ timestamp: 't' }).keyBy('ad'))
      .between(0, 4_000)
      .lowerBoundExclusive()
      .upperBoundExclusive()
      .process<string>({
        processElement(i, c, _ctx, out) {
          out.collect(`${i.t}-${c.t}`);
        },
      })
      .collect();
    expect(rows.sort()).toEqual(['1000-1200', '1500-4000']);
  });

  it('sends elements behind the watermark to lateOutput(), leftLateOutput() and rightLateOutput()', async () => {
    const env = new StreamEnvironment({ batchSize: 1 });
    const left = env.fromArray([{ k: 1, t: 100 }, { k: 1, t: 50 }]).withWatermarks({ timestamp: 't' });
    const right = env.fromArray([{ k: 1, t: 100 }, { k: 1, t: 60 }]).withWatermarks({ timestamp: 't' });
    const joined = left.keyBy('k').intervalJoin(right.keyBy('k')).between(-100, 100).apply((l, r) => [l.t, r.t]);
    const late: Tagged<{ k: number; t: number }, { k: number; t: number }>[] = [];
    joined.lateOutput().addSink((x) => late.push(x));
    const rightLate: unknown[] = [];
    joined.rightLateOutput().addSink((x) => rightLate.push(x));
    expect(await joined.leftLateOutput().collect()).toEqual([{ k: 1, t: 50 }]);
    expect(rightLate).toEqual([{ k: 1, t: 60 }]);
    expect(late.map((x) => x.side).sort()).toEqual(['left', 'right']);
    expect(await joined.collect()).toEqual([[100, 100]]);
  });
});

describe('interval join argument checks', () => {
  const env = new StreamEnvironment();
  const timed = env.fromArray(impressions).withWatermarks({ timestamp: 't' });
  const plain = env.fromArray(clicks);

  it('refuses lower > upper with BAD_INTERVAL, and bounds that are not integers', () => {
    const e = error(() => timed.keyBy('ad').intervalJoin(timed.keyBy('ad')).between(10, -10));
    expect(e.code).toBe('BAD_INTERVAL');
    expect(e.message).toBe(
      'intervalJoin: between(10, -10) has its lower bound above its upper bound. ' +
        'Pass lower <= upper (ms): a right element joins a left one when left.ts + lower <= right.ts <= left.ts + upper, e.g. .between(-5000, 5000).',
    );
    expect(error(() => timed.keyBy('ad').intervalJoin(timed.keyBy('ad')).between(0.5, 1)).code).toBe('BAD_ARGUMENT');
    expect(error(() => timed.keyBy('ad').intervalJoin(timed.keyBy('ad')).between(0, Number.NaN)).code).toBe('BAD_ARGUMENT');
    expect(() => timed.keyBy('ad').intervalJoin(timed.keyBy('ad')).between(5, 5)).not.toThrow();
  });

  it('refuses inputs without timestamps with NO_TIMESTAMPS', () => {
    const e = error(() => timed.keyBy('ad').intervalJoin(plain.keyBy('ad')));
    expect(e.code).toBe('NO_TIMESTAMPS');
    expect(e.message).toContain('intervalJoin uses event time, but the stream has no timestamps.');
    expect(error(() => plain.keyBy('ad').intervalJoin(timed.keyBy('ad'))).code).toBe('NO_TIMESTAMPS');
  });

  it('refuses an unkeyed stream, a stream of another environment and a changelog', () => {
    expect(error(() => timed.keyBy('ad').intervalJoin(timed as never)).message).toContain('must be a KeyedStream (b.keyBy(key))');
    const other = new StreamEnvironment().fromArray(impressions).withWatermarks({ timestamp: 't' });
    expect(error(() => timed.keyBy('ad').intervalJoin(other.keyBy('ad'))).code).toBe('MIXED_ENVIRONMENTS');
    const rolling = timed.keyBy('ad').reduce((a) => a);
    expect(error(() => timed.keyBy('ad').intervalJoin(rolling.keyBy('ad'))).code).toBe('CHANGELOG_INPUT');
  });

  it('refuses join functions that are not functions', () => {
    const j = timed.keyBy('ad').intervalJoin(timed.keyBy('ad')).between(0, 1);
    expect(error(() => j.apply({} as never)).code).toBe('BAD_ARGUMENT');
    expect(error(() => j.process({ processElement: 1 } as never)).code).toBe('BAD_ARGUMENT');
  });

  it('fails the job naming intervalJoin and the pair when the function throws', async () => {
    const env2 = new StreamEnvironment();
    const s = env2.fromArray([{ k: 1, t: 1 }]).withWatermarks({ timestamp: 't' });
    const joined = s.keyBy('k').intervalJoin(s.keyBy('k')).between(0, 0).apply(() => {
      throw new Error('no');
    });
    await expect(joined.collect()).rejects.toThrow('The function passed to intervalJoin threw on record {"left":{"k":1,"t":1},"right":{"k":1,"t":1}}: no');
  });
});

// ---- randomized: whole jobs against plain-loop pairs ------------------------------------------------------------

async function runJoin(inputs: Inputs, opts: { parallelism: number; batchSize: number; ooo: number; lower: number; upper: number }) {
  const env = new StreamEnvironment({ parallelism: opts.parallelism, batchSize: opts.batchSize });
  const l = env.fromArray(inputs.left).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: opts.ooo });
  const r = env.fromArray(inputs.right).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: opts.ooo });
  const joined = l
    .keyBy('key')
    .intervalJoin(r.keyBy('key'))
    .between(opts.lower, opts.upper)
    .process<string>((a, b, ctx, out) => {
      if (ctx.timestamp !== Math.max(a.ts, b.ts)) throw new Error('wrong joined timestamp');
      out.collect(`${a.id},${b.id}`);
    });
  const late: Tagged<StreamRecord, StreamRecord>[] = [];
  joined.lateOutput().addSink((t) => late.push(t));
  const pairs = await joined.collect();
  return { pairs: pairs.sort(), late };
}

describe('interval join against plain-loop pairs', () => {
  it('emits exactly the pairs of the elements that were not late, whatever the parallelism and batch size', async () => {
    const bounds: [number, number][] = [
      [-10, 10],
      [0, 25],
      [-30, -5],
      [3, 3],
      [-2, 40],
      [5, 15],
    ];
    for (let seed = 1; seed <= 6; seed++) {
      const inputs = randomInputs(seed);
      const [lower, upper] = bounds[seed - 1] as [number, number];
      const ooo = seed % 3 === 0 ? 0 : 12;
      for (const parallelism of [1, 2, 4]) {
        for (const batchSize of [1, 7, 64]) {
          const what = `seed ${seed}, between(${lower}, ${upper}), p ${parallelism}, batch ${batchSize}`;
          const { pairs, late } = await runJoin(inputs, { parallelism, batchSize, ooo, lower, upper });
          const lateIds = new Set(late.map((t) => t.row.id));
          const keep = (rows: StreamRecord[]) => rows.filter((x) => !lateIds.has(x.id));
          expect(pairs, what).toEqual(intervalPairs(keep(inputs.left), keep(inputs.right), lower, upper));
          // A late element was at or behind its own source's watermark (the join's is never ahead of it).
          for (const t of late) {
            const own = ownWatermarks(t.side === 'left' ? inputs.left : inputs.right, ooo).get(t.row.id) as number;
            expect(t.row.ts, `${what}: late ${t.side} ${t.row.id}`).toBeLessThanOrEqual(own);
          }
        }
      }
    }
  });

  it('emits every pair when nothing is late', async () => {
    for (let seed = 30; seed <= 33; seed++) {
      const inputs = randomInputs(seed, { lateFraction: 0, maxDelay: 20 });
      const expected = intervalPairs(inputs.left, inputs.right, -7, 9);
      expect(expected.length).toBeGreaterThan(100);
      for (const [parallelism, batchSize] of [
        [1, 1],
        [2, 13],
        [4, 1024],
      ] as const) {
        const { pairs, late } = await runJoin(inputs, { parallelism, batchSize, ooo: 20, lower: -7, upper: 9 });
        expect(late).toEqual([]);
        expect(pairs, `seed ${seed}, p ${parallelism}`).toEqual(expected);
      }
    }
  });
});

// ---- a whole job: snapshot, stop, restore at another parallelism -----------------------------------------------

const side = (salt: number, idBase: number) => (i: number) => ({ id: idBase + i, key: `k${hash(i, salt) % 9}`, ts: i * 3 - (hash(i, salt + 1) % 25) });

function build(env: StreamEnvironment, out: string[]): void {
  const l = env.fromGenerator(side(3, 0), { count: 3000, eventsPerSecond: 1000 }).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: 30 });
  const r = env.fromGenerator(side(4, 100_000), { count: 3000, eventsPerSecond: 1000 }).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: 30 });
  const joined = l
    .keyBy('key')
    .intervalJoin(r.keyBy('key'))
    .between(-20, 35)
    .process<string>((a, b, ctx, o) => {
      o.collect(`${a.id},${b.id}@${ctx.timestamp}`);
      if ((a.id + b.id) % 97 === 0) ctx.output('sample', `${a.id},${b.id}`);
    });
  joined.addSink((x) => out.push(x));
  joined.sideOutput<string>('sample').addSink((x) => out.push(`sample ${x}`));
  joined.lateOutput().addSink((x) => out.push(`late ${x.side} ${x.row.id}`));
}

describe('interval join in a job that is snapshotted and restored', () => {
  it('gives, across a snapshot at parallelism 4 and a restore at parallelism 2, the pairs of an uninterrupted run', async () => {
    const full = await runToEnd(build, 3);
    const { out: parts, cuts } = await runInLegs(build, [{ parallelism: 4, until: 1500 }, { parallelism: 2, until: Infinity }], fresh);
    const before = cuts[0] as number;
    expect(before).toBeGreaterThan(100);
    expect(full.filter((x) => x.startsWith('late'))).toEqual([]);
    expect(full.some((x) => x.startsWith('sample'))).toBe(true);
    expect([...parts].sort()).toEqual([...full].sort());
  });
});
