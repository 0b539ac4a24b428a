import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JoinResultStream, RivuletError, StreamEnvironment, VirtualClock, Windows, type Tagged } from '../../../runtime/index.ts';
import { driveUntil, runInLegs, runToEnd } from '../../helpers/virtual-run.ts';
import type { StreamRecord } from '../../helpers/random-stream.ts';
import { windowStart } from '../../helpers/oracle/windows.ts';
import { ownWatermarks, randomInputs, windowPairs, type Inputs, hash } from './join-testing.ts';
import { error } from '../../helpers/rivulet-errors.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-window-join-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(work, `s${++n}`);

interface Order {
  id: string;
  user: string;
  t: number;
}
interface Payment {
  order: string;
  user: string;
  t: number;
}

const orders: Order[] = [
  { id: 'o1', user: 'ann', t: 1_000 },
  { id: 'o2', user: 'bob', t: 2_000 },
  { id: 'o3', user: 'ann', t: 12_000 },
];
const payments: Payment[] = [
  { order: 'o1', user: 'ann', t: 4_000 },
  { order: 'o9', user: 'ann', t: 9_000 },
  { order: 'o2', user: 'bob', t: 11_000 },
  { order: 'o3', user: 'ann', t: 13_000 },
];

describe('a.join(b).where(..).equalTo(..).window(..).apply(..)', () => {
  it.each([1, 2, 4])('pairs every element of each side per key and window (parallelism %i)', async (parallelism) => {
    const env = new StreamEnvironment({ parallelism });
    const o = env.fromArray(orders).withWatermarks({ timestamp: 't' });
    const p = env.fromArray(payments).withWatermarks({ timestamp: 't' });
    const joined = o
      .join(p)
      .where('user')
      .equalTo((x) => x.user)
      .window(Windows.tumbling(10_000))
      .apply((order, payment) => `${order.user}: ${order.id} ${payment.order}`);
    expect(joined).toBeInstanceOf(JoinResultStream);
    expect((await joined.collect()).sort()).toEqual(['ann: o1 o1', 'ann: o1 o9', 'ann: o3 o3']);
  });

  it('gives process() the key and the window and lets it emit any number of rows', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const rows = await env
      .fromArray(orders)
      .withWatermarks({ timestamp: 't' })
      .join(env.fromArray(payments).withWatermarks({ timestamp: 't' }))
      .where('user')
      .equalTo('user')
      .window(Windows.sliding(10_000, 5_000))
      .process<string>((o, p, ctx, out) => {
        if (o.id === p.order) out.collect(`${ctx.key} ${o.id} [${ctx.window.start}, ${ctx.window.end})`);
      })
      .collect();
    expect(rows.sort()).toEqual(['ann o1 [-5000, 5000)', 'ann o1 [0, 10000)', 'ann o3 [10000, 20000)', 'ann o3 [5000, 15000)']);
  });

  it('sends late elements to lateOutput() tagged with their side, and to leftLateOutput() / rightLateOutput()', async () => {
    // One record per source and read: left 100, right 101, then left 5 and right 7 arrive behind watermark 99.
    const env = new StreamEnvironment({ batchSize: 1 });
    const left = env.fromArray([{ k: 'a', t: 100 }, { k: 'a', t: 5 }]).withWatermarks({ timestamp: 't' });
    const right = env.fromArray([{ k: 'a', t: 101 }, { k: 'a', t: 7 }]).withWatermarks({ timestamp: 't' });
    const joined = left.join(right).where('k').equalTo('k').window(Windows.tumbling(10)).apply((l, r) => [l.t, r.t]);
    const late: Tagged<{ k: string; t: number }, { k: string; t: number }>[] = [];
    joined.lateOutput().addSink((x) => late.push(x));
    const leftLate = joined.leftLateOutput();
    const rightLate: unknown[] = [];
    joined.rightLateOutput().addSink((x) => rightLate.push(x));
    expect(await leftLate.collect()).toEqual([{ k: 'a', t: 5 }]);
    expect(late.sort((a, b) => a.side.localeCompare(b.side))).toEqual([
      { side: 'left', row: { k: 'a', t: 5 } },
      { side: 'right', row: { k: 'a', t: 7 } },
    ]);
    expect(rightLate).toEqual([{ k: 'a', t: 7 }]);
    expect(await joined.collect()).toEqual([[100, 101]]);
  });

  it('plans each input tagged and keyed into one join node', () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const a = env.fromArray(orders).withWatermarks({ timestamp: 't' });
    const plan = a.join(a).where('user').equalTo('user').window(Windows.session(100)).apply(() => 1).explain();
    expect(plan).toContain('tag as left join input');
    expect(plan).toContain('tag as right join input');
    expect(plan).toMatch(/window join session\(gap 100\) apply\s+x2\s+<- #\d+ hash by key group, #\d+ hash by key group/);
  });
});

describe('window join argument checks', () => {
  const env = new StreamEnvironment();
  const timed = env.fromArray(orders).withWatermarks({ timestamp: 't' });
  const plain = env.fromArray(payments);

  it('refuses an event-time window when either input has no timestamps, with NO_TIMESTAMPS', () => {
    const e = error(() => timed.join(plain).where('user').equalTo('user').window(Windows.tumbling(10)));
    expect(e.code).toBe('NO_TIMESTAMPS');
    expect(e.message).toContain('join().window(tumbling) uses event time, but the stream has no timestamps.');
    expect(error(() => plain.join(timed).where('user').equalTo('user').window(Windows.session(5))).code).toBe('NO_TIMESTAMPS');
    expect(() => plain.join(plain).where('user').equalTo('user').window(Windows.tumbling(10, { time: 'processing' }))).not.toThrow();
  });

  it('refuses a non-stream, a stream of another environment, and changelog inputs', () => {
    expect(error(() => timed.join([] as never)).code).toBe('BAD_ARGUMENT');
    expect(error(() => timed.join(new StreamEnvironment().fromArray(orders))).code).toBe('MIXED_ENVIRONMENTS');
    const rolling = env.fromArray(orders).keyBy('user').reduce((a) => a);
    expect(error(() => timed.join(rolling as never)).code).toBe('CHANGELOG_INPUT');
  });

  it('refuses bad keys, a bad window and a join function that is not a function', () => {
    expect(error(() => timed.join(timed).where({} as never)).code).toBe('BAD_ARGUMENT');
    expect(error(() => timed.join(timed).where('user').equalTo(null as never)).code).toBe('BAD_ARGUMENT');
    expect(error(() => timed.join(timed).where('user').equalTo('user').window({ size: 5 } as never)).code).toBe('BAD_ARGUMENT');
    const w = timed.join(timed).where('user').equalTo('user').window(Windows.tumbling(5));
    expect(error(() => w.apply(3 as never)).message).toContain('join().apply: the join function must be a function');
    expect(error(() => w.process('x' as never)).code).toBe('BAD_ARGUMENT');
  });

  it('fails the job naming join and the pair when the join function throws', async () => {
    const env2 = new StreamEnvironment();
    const s = env2.fromArray([{ k: 1, t: 1 }]).withWatermarks({ timestamp: 't' });
    const joined = s.join(s).where('k').equalTo('k').window(Windows.tumbling(5)).apply(() => {
      throw new Error('no');
    });
    await expect(joined.collect()).rejects.toThrow('The function passed to join threw on record {"left":{"k":1,"t":1},"right":{"k":1,"t":1}}: no');
  });
});

// ---- randomized: whole jobs against plain-loop pairs ------------------------------------------------------------

async function runJoin(inputs: Inputs, opts: { parallelism: number; batchSize: number; ooo: number; window: { size: number; slide?: number } }) {
  const env = new StreamEnvironment({ parallelism: opts.parallelism, batchSize: opts.batchSize });
  const l = env.fromArray(inputs.left).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: opts.ooo });
  const r = env.fromArray(inputs.right).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: opts.ooo });
  const w = opts.window.slide === undefined ? Windows.tumbling(opts.window.size) : Windows.sliding(opts.window.size, opts.window.slide);
  const joined = l
    .join(r)
    .where('key')
    .equalTo('key')
    .window(w)
    .process<string>((a, b, ctx, out) => out.collect(`${a.id},${b.id}@${ctx.window.start}`));
  const late: Tagged<StreamRecord, StreamRecord>[] = [];
  joined.lateOutput().addSink((t) => late.push(t));
  const pairs = await joined.collect();
  return { pairs: pairs.sort(), late };
}

describe('window join against plain-loop pairs', () => {
  it('emits exactly the pairs of the elements that were not late (tumbling), whatever the parallelism and batch size', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const inputs = randomInputs(seed);
      const size = 5 + seed * 3;
      const ooo = seed % 3 === 0 ? 0 : 10;
      for (const parallelism of [1, 2, 4]) {
        for (const batchSize of [1, 7, 64]) {
          const what = `seed ${seed}, p ${parallelism}, batch ${batchSize}`;
          const { pairs, late } = await runJoin(inputs, { parallelism, batchSize, ooo, window: { size } });
          const lateIds = new Set(late.map((t) => t.row.id));
          const keep = (rows: StreamRecord[]) => rows.filter((x) => !lateIds.has(x.id));
          expect(pairs, what).toEqual(windowPairs(keep(inputs.left), keep(inputs.right), { kind: 'tumbling', size }));
          // A late element's window had ended by its own source's watermark (the join's is never ahead of it).
          for (const t of late) {
            const own = ownWatermarks(t.side === 'left' ? inputs.left : inputs.right, ooo).get(t.row.id) as number;
            expect(windowStart(t.row.ts, 0, size) + size - 1, `${what}: late ${t.side} ${t.row.id}`).toBeLessThanOrEqual(own);
          }
        }
      }
    }
  });

  it('emits every pair of every sliding window when nothing is late', async () => {
    for (let seed = 20; seed <= 24; seed++) {
      const inputs = randomInputs(seed, { lateFraction: 0, maxDelay: 20 });
      const window = { size: 20, slide: 5 + (seed % 3) * 5 };
      const expected = windowPairs(inputs.left, inputs.right, { kind: 'sliding', ...window });
      expect(expected.length).toBeGreaterThan(100);
      for (const [parallelism, batchSize] of [
        [1, 1],
        [2, 16],
        [4, 1024],
      ] as const) {
        const { pairs, late } = await runJoin(inputs, { parallelism, batchSize, ooo: 20, window });
        expect(late, `seed ${seed}`).toEqual([]);
        expect(pairs, `seed ${seed}, p ${parallelism}`).toEqual(expected);
      }
    }
  });
});

// ---- a whole job: snapshot, stop, restore at another parallelism -----------------------------------------------

const side = (salt: number, idBase: number) => (i: number) => ({ id: idBase + i, key: `k${hash(i, salt) % 7}`, ts: i * 4 - (hash(i, salt + 1) % 30) });

function build(env: StreamEnvironment, out: string[]): void {
  const l = env.fromGenerator(side(1, 0), { count: 2500, eventsPerSecond: 1000 }).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: 40 });
  const r = env.fromGenerator(side(2, 100_000), { count: 2500, eventsPerSecond: 1000 }).withWatermarks({ timestamp: 'ts', maxOutOfOrderness: 40 });
  const joined = l
    .join(r)
    .where('key')
    .equalTo('key')
    .window(Windows.sliding(60, 20))
    .process<string>((a, b, ctx, o) => o.collect(`${a.id},${b.id}@${ctx.window.start}`));
  joined.addSink((x) => out.push(x));
  joined.lateOutput().addSink((x) => out.push(`late ${x.side} ${x.row.id}`));
}

describe('window join in a job that is snapshotted and restored', () => {
  it('gives, across a snapshot at parallelism 4 and a restore at parallelism 2, the pairs of an uninterrupted run', async () => {
    const full = await runToEnd(build, 1);
    const { out: parts, cuts } = await runInLegs(build, [{ parallelism: 4, until: 1200 }, { parallelism: 2, until: Infinity }], fresh);
    const before = cuts[0] as number;
    expect(before).toBeGreaterThan(100);
    expect(full.filter((x) => x.startsWith('late'))).toEqual([]);
    expect([...parts].sort()).toEqual([...full].sort());
  });
});
