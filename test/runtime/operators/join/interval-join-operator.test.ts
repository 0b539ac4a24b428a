import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../helpers/operator-harness.ts';
import { IntervalJoinOperator, type ProcessJoinFunction } from '../../../../runtime/operators/join/interval-join-operator.ts';
import { taggedKey, type Tagged } from '../../../../runtime/operators/join/join-tag.ts';
import type { OperatorContext } from '../../../../runtime/exec/operator.ts';
import { RivuletError } from '../../../../runtime/index.ts';
import type { StreamRecord } from '../../../helpers/random-stream.ts';
import { intervalJoinOracle, randomBounds, randomJoinInput, watermarks, type JoinElement } from './join-oracle.ts';
import { Partitioned, restoredRuns, type Step } from '../process/partitioned-harness.ts';
import { error } from '../../../helpers/rivulet-errors.ts';

interface Row {
  k: string;
  id: string;
}
const L = (k: string, id: string): Tagged<Row, Row> => ({ side: 'left', row: { k, id } });
const R = (k: string, id: string): Tagged<Row, Row> => ({ side: 'right', row: { k, id } });

const byK = (r: Row) => r.k;
const pairFn: ProcessJoinFunction<Row, Row, string> = (l, r, _ctx, out) => out.collect(`${l.id}+${r.id}`);

function join(lower: number, upper: number, fn: ProcessJoinFunction<any, any, any> = pairFn, sides: string[] = []) {
  return (ctx: OperatorContext) => new IntervalJoinOperator({ key: taggedKey(byK, byK), lower, upper, fn, sideOutputs: sides }, ctx);
}

describe('IntervalJoinOperator', () => {
  it('joins each right element with the left elements of its key with left.ts + lower <= right.ts <= left.ts + upper', () => {
    const h = new OperatorHarness(join(-2, 3));
    h.push([L('a', 'l10'), L('b', 'lb10'), R('a', 'r7'), R('a', 'r8'), R('a', 'r13'), R('a', 'r14'), R('b', 'rb12')], {
      ts: [10, 10, 7, 8, 13, 14, 12],
    });
    expect(h.outputRows()).toEqual(['l10+r8', 'l10+r13', 'lb10+rb12']);
  });

  it('emits a pair when its second element arrives, stamped max(left.ts, right.ts)', () => {
    const h = new OperatorHarness(join(-5, 5));
    h.push([R('a', 'r12')], { ts: [12], wm: 0 });
    expect(h.output()).toEqual([]);
    h.push([L('a', 'l9')], { ts: [9], wm: 1 });
    expect(h.timedOutput()).toEqual([{ op: '+I', row: 'l9+r12', ts: 12, wm: 1 }]);
  });

  it('joins elements of one timestamp in arrival order, on both sides', () => {
    const h = new OperatorHarness(join(0, 0));
    h.push([L('a', 'l1'), L('a', 'l2'), R('a', 'r1'), R('a', 'r2'), L('a', 'l3')], { ts: [5, 5, 5, 5, 5] });
    expect(h.outputRows()).toEqual(['l1+r1', 'l2+r1', 'l1+r2', 'l2+r2', 'l3+r1', 'l3+r2']);
  });

  it('gives the process function the key, both timestamps and the joined timestamp, and side outputs', () => {
    const seen: unknown[] = [];
    const h = new OperatorHarness(
      join(
        -10,
        10,
        {
          processElement(l: Row, r: Row, ctx, out) {
            seen.push({ key: ctx.key, lt: ctx.leftTimestamp, rt: ctx.rightTimestamp, ts: ctx.timestamp });
            out.collect(l.id);
            ctx.output('pairs', `${l.id}/${r.id}`);
          },
        },
        ['tag:pairs'],
      ),
    );
    h.push([L('a', 'l'), R('a', 'r')], { ts: [20, 15] });
    expect(seen).toEqual([{ key: 'a', lt: 20, rt: 15, ts: 20 }]);
    expect(h.side('tag:pairs').timed()).toEqual([{ op: '+I', row: 'l/r', ts: 20, wm: -Infinity }]);
    h.finish();
    expect(h.side('tag:pairs').ended).toBe(true);
  });

  it('sends elements at or behind the watermark to the late output, tagged with their side, and never joins them', () => {
    const h = new OperatorHarness(join(-100, 100));
    h.push([L('a', 'l50')], { ts: [50], wm: 0 });
    h.push([R('a', 'r40'), L('a', 'l41'), R('a', 'r60')], { ts: [40, 41, 60], wm: [40, 40, 40] });
    expect(h.late()).toEqual([R('a', 'r40')]);
    expect(h.side('late').timed()[0]).toEqual({ op: '+I', row: R('a', 'r40'), ts: 40, wm: 40 });
    expect(h.outputRows()).toEqual(['l50+r60', 'l41+r60']);
    expect(h.metrics.lateDropped).toBe(1);
  });

  it('removes buffered elements once the watermark passes the last time a partner could arrive', () => {
    const h = new OperatorHarness(join(-2, 5));
    h.push([L('a', 'l10'), R('a', 'r10')], { ts: [10, 10], wm: 0 });
    const sizes = () => [h.state.valueState('left').size, h.state.valueState('right').size];
    expect(sizes()).toEqual([1, 1]);
    h.watermark(11);
    expect(sizes()).toEqual([1, 1]);
    h.watermark(12); // right r10 could meet lefts up to ts 12 (r.ts - lower)
    expect(sizes()).toEqual([1, 0]);
    h.watermark(14);
    expect(sizes()).toEqual([1, 0]);
    h.watermark(15); // left l10 could meet rights up to ts 15 (l.ts + upper)
    expect(sizes()).toEqual([0, 0]);
    expect(h.eventTimers.size).toBe(0);
  });

  it('leaves no state and no timers behind at the end of input', () => {
    const h = new OperatorHarness(join(-3, 3));
    h.push([L('a', '1'), R('b', '2'), L('c', '3')], { ts: [1, 2, 3] });
    h.finish();
    expect(h.state.valueState('left').size + h.state.valueState('right').size).toBe(0);
    expect(h.eventTimers.size).toBe(0);
    expect(h.ended && h.side('late').ended).toBe(true);
    expect(h.problems).toEqual([]);
  });

  it('names intervalJoin and the pair when the join function throws', () => {
    const h = new OperatorHarness(
      join(0, 0, () => {
        throw new Error('bad pair');
      }),
    );
    const e = error(() => h.push([L('a', 'x'), R('a', 'y')], { ts: [1, 1] }));
    expect(e.code).toBe('USER_FUNCTION_FAILED');
    expect(e.message).toContain('The function passed to intervalJoin threw on record {"left":{"k":"a","id":"x"},"right":{"k":"a","id":"y"}}: bad pair');
  });
});

// ---- randomized against the plain-loop oracle --------------------------------------------------------------

const recKey = (r: StreamRecord) => r.key;
const idPair: ProcessJoinFunction<StreamRecord, StreamRecord, string> = (l, r, _c, out) => out.collect(`${l.id},${r.id}`);
const joinRecords = (lower: number, upper: number) => (ctx: OperatorContext) =>
  new IntervalJoinOperator({ key: taggedKey(recKey, recKey), lower, upper, fn: idPair, sideOutputs: [] }, ctx);
const routeKey = (t: JoinElement) => t.row.key;

/** The elements in batches of `size`, with their timestamps and per-row watermarks, then the end of input. */
function script(elements: JoinElement[], wms: number[], size: number): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < elements.length; i += size) {
    const chunk = elements.slice(i, i + size);
    const w = wms.slice(i, i + size);
    const wmEnd = i + size < wms.length ? (wms[i + size] as number) : (w[w.length - 1] as number);
    steps.push((d) => d.push(chunk, { ts: chunk.map((e) => e.row.ts), wm: w, wmEnd }));
  }
  steps.push((d) => d.finish());
  return steps;
}

describe('IntervalJoinOperator against the oracle', () => {
  it('emits exactly the pairs of non-late elements and sends exactly the late ones to the late output, on random inputs', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const [lower, upper] = randomBounds(seed);
      const ooo = seed % 4 === 0 ? 0 : 6 + (seed % 9);
      const elements = randomJoinInput(seed, { n: 60, keys: 1 + (seed % 5), maxDelay: 12, lateFraction: 0.1 });
      const wms = watermarks(elements, ooo);
      const expected = intervalJoinOracle(elements, wms, lower, upper);
      for (const p of [1, 3]) {
        const d = new Partitioned(joinRecords(lower, upper), p, routeKey);
        for (const step of script(elements, wms, 1 + (seed % 9))) step(d);
        const what = `seed ${seed}, between(${lower}, ${upper}), ooo ${ooo}, p ${p}`;
        expect(d.main().map((s) => s.slice(2).replace(/"/g, '')).sort(), what).toEqual(expected.pairs);
        const late = d.side('late').map((s) => (JSON.parse(s) as JoinElement).row.id);
        expect(late.sort(), what).toEqual([...expected.late].sort());
        expect(d.problems(), what).toEqual([]);
        for (const h of d.parts) expect(h.state.valueState('left').size + h.state.valueState('right').size, what).toBe(0);
      }
    }
  });

  it('keeps no element longer than needed: after each batch, every buffered element can still meet a partner', () => {
    const lower = -4;
    const upper = 6;
    const elements = randomJoinInput(99, { n: 200, keys: 3 });
    const wms = watermarks(elements, 5);
    const d = new Partitioned(joinRecords(lower, upper), 1, routeKey);
    const h = d.parts[0] as OperatorHarness;
    let maxBuffered = 0;
    for (const step of script(elements, wms, 8).slice(0, -1)) {
      step(d);
      const wm = h.main.watermark;
      for (const [side, last] of [['left', (ts: number) => (upper > 0 ? ts + upper : ts)], ['right', (ts: number) => (lower < 0 ? ts - lower : ts)]] as const) {
        for (const [, buffer] of h.state.valueState<Map<number, unknown[]>>(side).entries()) {
          for (const ts of buffer.keys()) expect(last(ts), `${side} element at ${ts}, watermark ${wm}`).toBeGreaterThan(wm);
          maxBuffered = Math.max(maxBuffered, buffer.size);
        }
      }
    }
    expect(maxBuffered).toBeGreaterThan(0);
  });
});

// ---- snapshots ------------------------------------------------------------------------------------------

describe('IntervalJoinOperator: snapshot, restore, continue', () => {
  const elements = randomJoinInput(7, { n: 80, keys: 5, lateFraction: 0.1 });
  const wms = watermarks(elements, 6);
  const steps = script(elements, wms, 9);

  it('continues after a restore at every cut point as an uninterrupted run', () => {
    for (const { cut, expected, actual } of restoredRuns(joinRecords(-5, 8), routeKey, steps, 1, 1, ['late'])) {
      expect(actual, `cut at step ${cut}`).toEqual(expected);
    }
  });

  it.each([
    [1, 3],
    [4, 2],
    [2, 1],
  ])('restores at another parallelism (%i to %i) with the buffers and cleanup timers', (p, q) => {
    for (const { cut, expected, actual } of restoredRuns(joinRecords(-5, 8), routeKey, steps, p, q, ['late'])) {
      expect(actual, `cut at step ${cut}`).toEqual(expected);
    }
  });
});
