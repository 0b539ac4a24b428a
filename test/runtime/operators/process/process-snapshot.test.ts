import { describe, expect, it } from 'vitest';
import { KeyedProcessOperator } from '../../../../runtime/operators/process/keyed-process-operator.ts';
import type { OperatorContext } from '../../../../runtime/exec/operator.ts';
import type { KeyedProcessFunction } from '../../../../runtime/index.ts';
import { randomStream, type StreamRecord } from '../../../helpers/random-stream.ts';
import { Partitioned, restoredRuns, type Step } from './partitioned-harness.ts';

// Process part of an input, snapshot (runtime/snapshot/capture.ts, read back with node:v8), restore into fresh
// operators (at the same or another parallelism), continue, and compare with an uninterrupted run.

/** Uses every kind of state (one with a ttl), event-time timers that are deleted and re-registered,
 * processing-time timers and a side output. Its rows never show the watermark, which differs by partition. */
const fn: KeyedProcessFunction<string | number, StreamRecord, unknown> = {
  processElement(r, ctx, out) {
    const count = ctx.state.value<number>('count');
    const n = (count.value() ?? 0) + 1;
    count.update(n);
    ctx.state.list<number>('ids').add(r.id);
    const buckets = ctx.state.map<number, number>('buckets');
    const b = ((r.value % 3) + 3) % 3;
    buckets.put(b, (buckets.get(b) ?? 0) + r.value);
    const recent = ctx.state.value<number>({ name: 'recent', ttl: { ttlMs: 30, update: 'onReadAndWrite' } });
    const prev = recent.value() ?? null;
    if (r.id % 2 === 0) recent.update(r.id);
    const pending = ctx.state.value<number>('pending');
    const old = pending.value();
    if (old !== undefined) ctx.timers.deleteEventTime(old);
    const t = (ctx.timestamp as number) + 15;
    ctx.timers.registerEventTime(t);
    pending.update(t);
    if (n % 4 === 0) ctx.timers.registerProcessingTime(ctx.currentProcessingTime + 20);
    if (r.value < 0) ctx.output('negative', { id: r.id, key: ctx.key });
    out.collect({ kind: 'element', id: r.id, n, prev });
  },
  onTimer(t, ctx, out) {
    if (ctx.timeDomain === 'event') {
      out.collect({ kind: 'event', key: ctx.key, t, ids: ctx.state.list('ids').get(), buckets: ctx.state.map('buckets').entries() });
      ctx.state.list('ids').clear();
      ctx.state.value('pending').clear();
    } else {
      out.collect({ kind: 'processing', key: ctx.key, t, count: ctx.state.value('count').value(), recent: ctx.state.value({ name: 'recent', ttl: { ttlMs: 30, update: 'onReadAndWrite' } }).value() ?? null });
    }
  },
};

const factory = (ctx: OperatorContext) =>
  new KeyedProcessOperator({ key: (r: StreamRecord) => r.key, fn, timed: true, sideOutputs: ['tag:negative'] }, ctx);
const key = (r: StreamRecord) => r.key;

/** Batches of random records with Flink's per-row watermarks (out of order ≤ 8), a clock tick after each. */
function script(seed: number, batches: number, size = 10): Step[] {
  const records = randomStream(seed, { n: batches * size, keys: 7, maxDelay: 12, lateFraction: 0.08, lateBy: 25 });
  const steps: Step[] = [];
  let maxTs = -Infinity;
  for (let b = 0; b < batches; b++) {
    const chunk = records.slice(b * size, (b + 1) * size);
    const ts: number[] = [];
    const wm: number[] = [];
    for (const r of chunk) {
      wm.push(maxTs - 9);
      ts.push(r.ts);
      maxTs = Math.max(maxTs, r.ts);
    }
    const wmEnd = maxTs - 9;
    steps.push((d) => d.push(chunk, { ts, wm, wmEnd }));
    const now = (b + 1) * 13;
    steps.push((d) => d.setProcessingTime(now));
  }
  steps.push((d) => d.finish());
  return steps;
}

describe('keyed process function: snapshot, restore, continue', () => {
  it('continues after a restore at every cut point exactly as an uninterrupted run (parallelism 1)', () => {
    const s = script(1, 10);
    for (const { cut, expected, actual } of restoredRuns(factory, key, s, 1, 1, ['tag:negative'])) {
      expect(actual, `cut at step ${cut}`).toEqual(expected);
    }
  });

  it('keeps the exact output order at parallelism 1', () => {
    const s = script(2, 8);
    const whole = new Partitioned(factory, 1, key);
    for (const step of s) step(whole);
    for (const cut of [3, 8, 13]) {
      const first = new Partitioned(factory, 1, key);
      for (const step of s.slice(0, cut)) step(first);
      const second = Partitioned.restore(factory, first.snapshot(), 1, key, first.clock.now());
      for (const step of s.slice(cut)) step(second);
      expect([...first.main(), ...second.main()], `cut at step ${cut}`).toEqual(whole.main());
    }
  });

  it.each([
    [1, 4],
    [4, 2],
    [2, 3],
    [3, 1],
  ])('restores a snapshot taken at parallelism %i at parallelism %i, moving state and timers by key group', (p, q) => {
    const s = script(10 + p * 7 + q, 9);
    for (const { cut, expected, actual } of restoredRuns(factory, key, s, p, q, ['tag:negative'], [2, 7, 12, 17])) {
      expect(actual, `cut at step ${cut}`).toEqual(expected);
    }
  });

  it('gives the same output at every parallelism', () => {
    const s = script(5, 10);
    const outputs = [1, 2, 4].map((p) => {
      const d = new Partitioned(factory, p, key);
      for (const step of s) step(d);
      return { main: d.main().sort(), side: d.side('tag:negative').sort() };
    });
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
    expect(outputs[0]?.main.length).toBeGreaterThan(100);
  });

  it('carries every state table, the ttl refresh times and both kinds of timers through a snapshot', () => {
    const d = new Partitioned(factory, 2, key);
    for (const step of script(3, 3).slice(0, -1)) step(d);
    const restored = Partitioned.restore(factory, d.snapshot(), 1, key, d.clock.now());
    const [h] = restored.parts;
    if (h === undefined) throw new Error('no partition');
    expect(new Set(h.state.tableNames)).toEqual(new Set(['count', 'ids', 'buckets', 'recent', 'pending']));
    for (const name of h.state.tableNames) {
      const before = d.parts.reduce((n, p) => n + p.state.valueState(name).size, 0);
      expect(h.state.valueState(name).size, name).toBe(before);
    }
    const recent = [...h.state.valueState<{ v: number; t: number }>('recent').entries()].map(([, cell]) => cell);
    expect(recent.length).toBeGreaterThan(0);
    for (const cell of recent) expect(cell).toEqual({ v: expect.any(Number), t: expect.any(Number) });
    expect(h.eventTimers.size).toBe(d.parts.reduce((n, p) => n + p.eventTimers.size, 0));
    expect(h.processingTimers.size).toBe(d.parts.reduce((n, p) => n + p.processingTimers.size, 0));
    expect(h.processingTimers.size).toBeGreaterThan(0);
    expect(h.op.snapshotState()).toEqual({ current: Math.min(...d.parts.map((p) => p.op.snapshotState().current)) });
  });
});
