import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  OutputTag,
  ProcessedStream,
  RivuletError,
  StreamEnvironment,
  VirtualClock,
  type KeyedProcessFunction,
} from '../../../runtime/index.ts';
import { driveUntil, runInLegs, runToEnd } from '../../helpers/virtual-run.ts';
import { randomStream, type StreamRecord } from '../../helpers/random-stream.ts';
import { error, rejection } from '../../helpers/rivulet-errors.ts';

const work = mkdtempSync(join(tmpdir(), 'rivulet-process-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(work, `s${++n}`);

interface Click {
  user: string;
  t: number;
}

/** Flink's documentation example (CountWithTimeoutFunction): emit a key's count once it had no element for 60 ms. */
const countWithTimeout: KeyedProcessFunction<string, Click, { key: string; count: number }> = {
  processElement(_c, ctx) {
    const s = ctx.state.value<{ count: number; lastModified: number }>('myState');
    const current = s.value() ?? { count: 0, lastModified: 0 };
    current.count++;
    current.lastModified = ctx.timestamp as number;
    s.update(current);
    ctx.timers.registerEventTime(current.lastModified + 60);
  },
  onTimer(t, ctx, out) {
    const s = ctx.state.value<{ count: number; lastModified: number }>('myState').value();
    if (s !== undefined && t === s.lastModified + 60) out.collect({ key: ctx.key, count: s.count });
  },
};

const clicks: Click[] = [
  { user: 'ann', t: 0 },
  { user: 'bob', t: 10 },
  { user: 'ann', t: 30 },
  { user: 'carl', t: 150 },
  { user: 'ann', t: 200 },
  { user: 'bob', t: 220 },
  { user: 'ann', t: 230 },
];

describe('keyed.process(fn)', () => {
  it.each([1, 2, 4])('runs a KeyedProcessFunction with state and event-time timers (parallelism %i)', async (parallelism) => {
    const env = new StreamEnvironment({ parallelism });
    const rows = await env
      .fromArray(clicks)
      .withWatermarks({ timestamp: 't' })
      .keyBy('user')
      .process(countWithTimeout)
      .collect();
    expect([...rows].sort((a, b) => a.key.localeCompare(b.key) || a.count - b.count)).toEqual([
      { key: 'ann', count: 2 },
      { key: 'ann', count: 4 },
      { key: 'bob', count: 1 },
      { key: 'bob', count: 2 },
      { key: 'carl', count: 1 },
    ]);
  });

  it('takes a plain function (processElement only) and works without timestamps', async () => {
    const env = new StreamEnvironment();
    const rows = await env
      .fromElements<[string, number]>(['a', 1], ['b', 2], ['a', 3])
      .keyBy(0)
      .process<string>((e, ctx, out) => {
        const sum = ctx.state.value<number>('sum');
        sum.update((sum.value() ?? 0) + e[1]);
        out.collect(`${ctx.key}:${sum.value()} ts=${ctx.timestamp}`);
      })
      .collect();
    expect(rows).toEqual(['a:1 ts=null', 'b:2 ts=null', 'a:4 ts=null']);
  });

  it('returns a ProcessedStream whose side outputs are streams (sideOutput and getSideOutput, tag or name)', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const lateClick = new OutputTag<Click>('late-click');
    const processed = env
      .fromArray(clicks)
      .withWatermarks({ timestamp: 't' })
      .keyBy('user')
      .process<string>((c, ctx, out) => {
        if (c.t >= 200) ctx.output(lateClick, c);
        else out.collect(c.user);
        ctx.output('all', c.t);
        ctx.output('nobody reads this', c);
      });
    expect(processed).toBeInstanceOf(ProcessedStream);
    expect(processed.sideOutput(lateClick)).toBe(processed.getSideOutput(lateClick));
    const late = processed.sideOutput(lateClick);
    const all = processed.getSideOutput<number>('all');
    const seen: number[] = [];
    all.addSink((t) => seen.push(t));
    const lateRows = await late.collect();
    expect(lateRows.map((c) => c.t).sort((a, b) => a - b)).toEqual([200, 220, 230]);
    expect(seen.sort((a, b) => a - b)).toEqual(clicks.map((c) => c.t));
    expect((await processed.collect()).sort()).toEqual(['ann', 'ann', 'bob', 'carl']);
    expect(processed.explain()).toContain('keyed process');
    expect(env.explain()).toContain('side output "all"');
  });

  it('fires processing-time timers on the environment clock', async () => {
    const clock = new VirtualClock(0);
    const env = new StreamEnvironment({ clock });
    const out: string[] = [];
    env
      .fromGenerator((i) => ({ k: `k${i % 2}`, i }), { count: 6, eventsPerSecond: 10 })
      .keyBy('k')
      .process<string>({
        processElement(e, ctx) {
          ctx.timers.registerProcessingTime(ctx.currentProcessingTime + 150);
          ctx.state.list<number>('seen').add(e.i);
        },
        onTimer(t, ctx, o) {
          o.collect(`${ctx.key}@${t}:${ctx.state.list<number>('seen').get().join(',')}`);
        },
      })
      .addSink((r) => out.push(r));
    const job = env.execute();
    await driveUntil(clock, job, 2000, 10);
    await job;
    // Elements come every 100 ms; the timers of the last two (at 550 and 650) are still pending when the
    // input ends at 500, and processing-time timers do not fire at the end of input (as in Flink).
    expect(out).toEqual(['k0@150:0', 'k1@250:1', 'k0@350:0,2', 'k1@450:1,3']);
  });
});

describe('keyed.process argument checks', () => {
  const env = new StreamEnvironment();
  const keyed = env.fromElements({ k: 'a' }).keyBy('k');

  it('refuses something that is not a process function with BAD_ARGUMENT', () => {
    for (const f of [42, null, {}, { processElement: 1 }]) {
      const e = error(() => keyed.process(f as never));
      expect(e.code).toBe('BAD_ARGUMENT');
      expect(e.message).toContain('process: the process function must be a function (value, ctx, out) => void or an object');
    }
    const e = error(() => keyed.process({ processElement() {}, onTimer: 'soon' } as never));
    expect(e.message).toContain("the process function's onTimer must be a function");
  });

  it('refuses a changelog input with CHANGELOG_INPUT', () => {
    const rolling = env.fromElements({ k: 'a', v: 1 }).keyBy('k').sum('v');
    expect(error(() => rolling.keyBy('k').process(() => {})).code).toBe('CHANGELOG_INPUT');
  });

  it('fails the job with the catalog error of a bad state descriptor', async () => {
    const e = await rejection(keyed.process((_e, ctx) => ctx.state.value({ name: 'x', ttl: { ttlMs: -1 } })).collect());
    expect(e.code).toBe('BAD_STATE_DESCRIPTOR');
  });

  it('fails the job naming process and the record when the function throws', async () => {
    const e = await rejection(
      keyed
        .process(() => {
          throw new Error('oops');
        })
        .collect(),
    );
    expect(e.code).toBe('USER_FUNCTION_FAILED');
    expect(e.message).toContain('The function passed to process threw on record {"k":"a"}: oops');
  });
});

// ---- a whole job: snapshot, stop, restore at another parallelism -----------------------------------------------

const records = randomStream(21, { n: 3000, keys: 12, maxDelay: 40, lateFraction: 0.02, lateBy: 100, maxStep: 3 });

const sessionize: KeyedProcessFunction<string | number, StreamRecord, unknown> = {
  processElement(r, ctx, out) {
    const open = ctx.state.map<number, number>('open');
    open.put(r.id, r.value);
    const last = ctx.state.value<number>('timer');
    const prev = last.value();
    if (prev !== undefined) ctx.timers.deleteEventTime(prev);
    const t = Math.max(prev ?? -Infinity, (ctx.timestamp as number) + 25);
    ctx.timers.registerEventTime(t);
    last.update(t);
    if (r.value < -45) ctx.output('very negative', r.id);
    out.collect({ id: r.id, open: open.keys().length });
  },
  onTimer(t, ctx, out) {
    const open = ctx.state.map<number, number>('open');
    out.collect({ key: ctx.key, closedAt: t, ids: open.keys().sort((a, b) => a - b), total: open.values().reduce((a, b) => a + b, 0) });
    open.clear();
    ctx.state.value('timer').clear();
  },
};

function build(env: StreamEnvironment, out: string[]): void {
  const processed = env
    .fromGenerator((i) => records[i] as StreamRecord, { count: records.length, eventsPerSecond: 1000 })
    .withWatermarks({ timestamp: 'ts', maxOutOfOrderness: 30 })
    .keyBy('key')
    .process(sessionize);
  processed.addSink((r) => out.push(JSON.stringify(r)));
  processed.sideOutput<number>('very negative').addSink((id) => out.push(`side ${id}`));
}

describe('keyed.process in a job that is snapshotted and restored', () => {
  it('gives, across a snapshot at parallelism 4 and a restore at parallelism 2, the output of an uninterrupted run', async () => {
    const full = await runToEnd(build, 3);
    const { out: parts, cuts } = await runInLegs(build, [{ parallelism: 4, until: 1400 }, { parallelism: 2, until: Infinity }], fresh);
    const before = cuts[0] as number;
    expect(before).toBeGreaterThan(0);
    expect(parts.length).toBeGreaterThan(before);
    expect(full.some((r) => r.startsWith('side'))).toBe(true);
    expect([...parts].sort()).toEqual([...full].sort());
  });
});
