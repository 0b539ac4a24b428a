import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../helpers/operator-harness.ts';
import { WindowOperator } from '../../../../runtime/operators/window/window-operator.ts';
import { applyAsProcess, windowJoinContents, type ProcessWindowJoinFunction } from '../../../../runtime/operators/join/window-join.ts';
import { taggedKey, type Tagged } from '../../../../runtime/operators/join/join-tag.ts';
import type { OperatorContext } from '../../../../runtime/exec/operator.ts';
import { RivuletError, Windows, type WindowAssigner } from '../../../../runtime/index.ts';
import type { StreamRecord } from '../../../helpers/random-stream.ts';
import { randomInt, seededRandom } from '../../../helpers/random-stream.ts';
import type { WindowSpec } from '../../../helpers/oracle/windows.ts';
import { randomJoinInput, watermarks, windowJoinOracle, type JoinElement } from './join-oracle.ts';
import { Partitioned, restoredRuns, type Step } from '../process/partitioned-harness.ts';

interface Row {
  k: string;
  id: string;
}
const L = (k: string, id: string): Tagged<Row, Row> => ({ side: 'left', row: { k, id } });
const R = (k: string, id: string): Tagged<Row, Row> => ({ side: 'right', row: { k, id } });
const byK = (r: Row) => r.k;

function windowJoin(assigner: WindowAssigner, fn: ProcessWindowJoinFunction<any, any, any>, key = byK) {
  return (ctx: OperatorContext) =>
    new WindowOperator({ assigner, allowedLateness: 0, key: taggedKey(key, key) }, windowJoinContents(fn), ctx);
}
const pairs = applyAsProcess((l: Row, r: Row) => `${l.id}+${r.id}`);

describe('window join (the window operator over tagged inputs)', () => {
  it('emits every left-right pair of a key and window when the window fires, left-major, stamped at its max timestamp', () => {
    const h = new OperatorHarness(windowJoin(Windows.tumbling(10), pairs));
    h.push([L('a', 'l1'), R('a', 'r1'), L('a', 'l2'), R('b', 'rb'), R('a', 'r2'), L('a', 'l3'), R('a', 'r3')], {
      ts: [1, 2, 3, 4, 5, 11, 12],
      wm: 0,
    });
    expect(h.output()).toEqual([]);
    h.watermark(9);
    expect(h.timedOutput()).toEqual(
      ['l1+r1', 'l1+r2', 'l2+r1', 'l2+r2'].map((row) => ({ op: '+I', row, ts: 9, wm: 0 })),
    );
    h.finish();
    expect(h.outputRows().slice(4)).toEqual(['l3+r3']);
    expect(h.main.batches.every((b) => b.ops === null)).toBe(true);
  });

  it('gives the process form the key and the window, and lets it emit any number of rows per pair', () => {
    const h = new OperatorHarness(
      windowJoin(Windows.tumbling(10), (l: Row, r: Row, ctx, out) => {
        out.collect({ key: ctx.key, start: ctx.window.start, end: ctx.window.end, pair: `${l.id}+${r.id}` });
        if (l.id === 'x') out.collect('extra');
      }),
    );
    h.push([L('a', 'x'), R('a', 'y')], { ts: [13, 14] });
    h.finish();
    expect(h.outputRows()).toEqual([{ key: 'a', start: 10, end: 20, pair: 'x+y' }, 'extra']);
  });

  it('joins in every sliding window two elements share', () => {
    const h = new OperatorHarness(windowJoin(Windows.sliding(10, 5), (l: Row, r: Row, ctx, out) => out.collect(`${l.id}+${r.id}@${ctx.window.start}`)));
    h.push([L('a', 'l'), R('a', 'r')], { ts: [7, 9] });
    h.finish();
    expect(h.outputRows()).toEqual(['l+r@0', 'l+r@5']);
  });

  it('merges sessions across both sides', () => {
    const h = new OperatorHarness(windowJoin(Windows.session(5), (l: Row, r: Row, ctx, out) => out.collect(`${l.id}+${r.id}@${ctx.window.start}-${ctx.window.end}`)));
    h.push([L('a', 'l1'), R('a', 'r1'), L('a', 'l2'), R('a', 'far')], { ts: [0, 4, 9, 30] });
    h.finish();
    expect(h.outputRows()).toEqual(['l1+r1@0-14', 'l2+r1@0-14']);
  });

  it('emits nothing for a window that has elements of one side only', () => {
    const h = new OperatorHarness(windowJoin(Windows.tumbling(10), pairs));
    h.push([L('a', 'l1'), L('a', 'l2'), R('b', 'r')], { ts: [1, 2, 3] });
    h.finish();
    expect(h.output()).toEqual([]);
  });

  it('sends an element late for all its windows to the late output, tagged with its side', () => {
    const h = new OperatorHarness(windowJoin(Windows.tumbling(10), pairs));
    h.push([L('a', 'on time')], { ts: [15], wm: 10 });
    h.push([R('a', 'late')], { ts: [5], wm: 10 });
    expect(h.late()).toEqual([R('a', 'late')]);
    h.finish();
    expect(h.output()).toEqual([]);
    expect(h.side('late').ended).toBe(true);
  });

  it('names join and the pair when the join function throws', () => {
    const h = new OperatorHarness(
      windowJoin(Windows.tumbling(10), () => {
        throw new Error('nope');
      }),
    );
    h.push([L('a', 'x'), R('a', 'y')], { ts: [1, 2] });
    let e: unknown;
    try {
      h.watermark(20);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(RivuletError);
    expect((e as RivuletError).message).toContain('The function passed to join threw on record {"left":{"k":"a","id":"x"},"right":{"k":"a","id":"y"}}: nope');
  });
});

// ---- randomized against the plain-loop oracle --------------------------------------------------------------

const recKey = (r: StreamRecord) => r.key;
const idPairs: ProcessWindowJoinFunction<StreamRecord, StreamRecord, string> = (l, r, ctx, out) =>
  out.collect(`${l.id},${r.id}@${ctx.window.start}-${ctx.window.end}`);
const routeKey = (t: JoinElement) => t.row.key;

function assignerOf(w: WindowSpec): WindowAssigner {
  if (w.kind === 'tumbling') return Windows.tumbling(w.size, w.offset ?? 0);
  if (w.kind === 'sliding') return Windows.sliding(w.size, w.slide, w.offset ?? 0);
  return Windows.session(w.gap);
}

function randomWindow(seed: number): WindowSpec {
  const rng = seededRandom(seed);
  const kind = seed % 3;
  if (kind === 0) {
    const size = randomInt(rng, 1, 30);
    return { kind: 'tumbling', size, offset: rng() < 0.7 ? 0 : randomInt(rng, -(size - 1), size - 1) };
  }
  if (kind === 1) {
    const size = randomInt(rng, 2, 30);
    const slide = randomInt(rng, 1, size);
    return { kind: 'sliding', size, slide, offset: rng() < 0.7 ? 0 : randomInt(rng, -(slide - 1), slide - 1) };
  }
  return { kind: 'session', gap: randomInt(rng, 1, 12) };
}

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

const op = (w: WindowSpec) => windowJoin(assignerOf(w), idPairs, recKey as never);

describe('window join against the oracle', () => {
  it('emits exactly the pairs of every window and key, and the elements late for every window, on random inputs', () => {
    let total = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const w = randomWindow(seed);
      const ooo = seed % 5 === 0 ? 0 : 4 + (seed % 10);
      const elements = randomJoinInput(seed, { n: 50, keys: 1 + (seed % 4), maxDelay: 10, lateFraction: 0.1 });
      const wms = watermarks(elements, ooo);
      const expected = windowJoinOracle(elements, wms, w);
      total += expected.pairs.length;
      for (const p of [1, 4]) {
        const d = new Partitioned(op(w), p, routeKey);
        for (const step of script(elements, wms, 1 + (seed % 7))) step(d);
        const what = `seed ${seed}, ${JSON.stringify(w)}, ooo ${ooo}, p ${p}`;
        expect(d.main().map((s) => s.slice(2).replace(/"/g, '')).sort(), what).toEqual(expected.pairs);
        expect(d.side('late').map((s) => (JSON.parse(s) as JoinElement).row.id).sort(), what).toEqual([...expected.late].sort());
        expect(d.problems(), what).toEqual([]);
      }
    }
    expect(total).toBeGreaterThan(1000);
  });
});

describe('window join: snapshot, restore, continue', () => {
  const elements = randomJoinInput(11, { n: 70, keys: 5, lateFraction: 0.1 });
  const wms = watermarks(elements, 7);
  const steps = script(elements, wms, 8);

  it.each([
    ['tumbling', { kind: 'tumbling', size: 12 }],
    ['sliding', { kind: 'sliding', size: 15, slide: 5 }],
    ['session', { kind: 'session', gap: 4 }],
  ] as [string, WindowSpec][])('continues a %s window join after a restore at every cut point', (_name, w) => {
    for (const { cut, expected, actual } of restoredRuns(op(w), routeKey, steps, 1, 1, ['late'])) {
      expect(actual, `cut at step ${cut}`).toEqual(expected);
    }
  });

  it('restores at another parallelism with the window contents and timers', () => {
    for (const [p, q] of [
      [1, 4],
      [4, 2],
      [3, 1],
    ] as const) {
      for (const { cut, expected, actual } of restoredRuns(op({ kind: 'session', gap: 4 }), routeKey, steps, p, q, ['late'])) {
        expect(actual, `p ${p} → ${q}, cut at step ${cut}`).toEqual(expected);
      }
    }
  });
});
