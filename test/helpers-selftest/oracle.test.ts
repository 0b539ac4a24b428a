// Self-tests of the window oracle (test/helpers/oracle/) on small cases computed by hand.

import { describe, expect, it } from 'vitest';

import { oracleReduce, oracleRollingAggregate } from '../helpers/oracle/rolling.ts';
import {
  assignWindows,
  canonicalRows,
  oracleWindowAggregate,
  sortRows,
  windowStart,
  type WindowSpec,
} from '../helpers/oracle/windows.ts';

interface Ev {
  k: string;
  ts: number;
  v: number;
}

/** Events of one key 'a' with the given timestamps; value = 1, 10, 100, ... unless given. */
function evs(tss: number[], values?: number[], k = 'a'): Ev[] {
  return tss.map((ts, i) => ({ k, ts, v: values?.[i] ?? 10 ** i }));
}

function run(
  records: Ev[],
  window: WindowSpec,
  maxOutOfOrderness: number,
  allowedLateness = 0,
) {
  return oracleWindowAggregate(records, {
    key: (r) => r.k,
    timestamp: (r) => r.ts,
    maxOutOfOrderness,
    window,
    allowedLateness,
    aggregates: {
      count: { kind: 'count' },
      sum: { kind: 'sum', field: (r) => r.v },
      first: { kind: 'first', field: (r) => r.v },
      last: { kind: 'last', field: (r) => r.v },
    },
  });
}

/** Just (key, windowStart, windowEnd, count) of each row. */
function windows(rows: { key: unknown; windowStart: number; windowEnd: number; count: number }[]) {
  return rows.map((r) => [r.key, r.windowStart, r.windowEnd, r.count]);
}

describe('tumbling windows', () => {
  it('counts per window and sends a record whose window has fired to the late output', () => {
    // Watermarks before each record (maxOutOfOrderness 0): -Inf, 0, 4, 11, 11, 14.
    // ts 3 arrives at wm 11: its window [0,10) has maxTimestamp 9 <= 11, so it is late.
    const records = evs([1, 5, 12, 3, 15, 25]);
    const { rows, late } = run(records, { kind: 'tumbling', size: 10 }, 0);
    expect(windows(rows)).toEqual([
      ['a', 0, 10, 2],
      ['a', 10, 20, 2],
      ['a', 20, 30, 1],
    ]);
    expect(late).toEqual([{ index: 3, record: records[3] }]);
  });

  it('treats a window as late exactly when the watermark reaches its max timestamp', () => {
    // ts 10 then ts 9: wm = 10 - 0 - 1 = 9 = maxTimestamp of [0,10) -> late.
    expect(run(evs([10, 9]), { kind: 'tumbling', size: 10 }, 0).late.map((l) => l.index)).toEqual([1]);
    // With maxOutOfOrderness 1: wm = 8 < 9 -> not late.
    const ok = run(evs([10, 9]), { kind: 'tumbling', size: 10 }, 1);
    expect(ok.late).toEqual([]);
    expect(windows(ok.rows)).toEqual([
      ['a', 0, 10, 1],
      ['a', 10, 20, 1],
    ]);
  });

  it('never judges the first record late, since the watermark only reflects earlier records', () => {
    const { rows, late } = run(evs([-1000]), { kind: 'tumbling', size: 10 }, 0);
    expect(late).toEqual([]);
    expect(windows(rows)).toEqual([['a', -1000, -990, 1]]);
  });

  it('lets an element within allowed lateness update its fired window', () => {
    // size 10, maxOutOfOrderness 0, allowedLateness 5. Watermarks before: -Inf, 1, 11, 11, 14.
    // ts 4 at wm 11: [0,10) has 9 + 5 = 14 > 11, so it is added (the window fired at wm 11 and fires again).
    // ts 5 at wm 14: 9 + 5 = 14 <= 14, the window is cleaned up: late.
    const records = evs([2, 12, 4, 15, 5], [1, 10, 100, 1000, 7]);
    const { rows, late } = run(records, { kind: 'tumbling', size: 10 }, 0, 5);
    expect(rows).toEqual([
      { key: 'a', windowStart: 0, windowEnd: 10, count: 2, sum: 101, first: 1, last: 100 },
      { key: 'a', windowStart: 10, windowEnd: 20, count: 2, sum: 1010, first: 10, last: 1000 },
    ]);
    expect(late.map((l) => l.index)).toEqual([4]);

    // Without allowed lateness, ts 4 is late as well.
    const strict = run(records, { kind: 'tumbling', size: 10 }, 0, 0);
    expect(strict.late.map((l) => l.index)).toEqual([2, 4]);
    expect(windows(strict.rows)).toEqual([
      ['a', 0, 10, 1],
      ['a', 10, 20, 2],
    ]);
  });

  it('computes window starts for negative timestamps and a non-zero offset', () => {
    expect(windowStart(-1, 0, 10)).toBe(-10);
    expect(windowStart(-10, 0, 10)).toBe(-10);
    expect(windowStart(-11, 0, 10)).toBe(-20);
    expect(windowStart(0, 0, 10)).toBe(0);
    // offset 3: windows [..., -17), [-17, -7), [-7, 3), [3, 13), ...
    expect(windowStart(-1, 3, 10)).toBe(-7);
    expect(windowStart(2, 3, 10)).toBe(-7);
    expect(windowStart(3, 3, 10)).toBe(3);
    expect(windowStart(-8, 3, 10)).toBe(-17);
    expect(windowStart(-7, 3, 10)).toBe(-7);
    // A negative offset is the same as offset + size.
    expect(windowStart(-1, -3, 10)).toBe(-3);
    expect(windowStart(-1, 7, 10)).toBe(-3);

    const { rows, late } = run(evs([-1, 3, 2, -8, -7]), { kind: 'tumbling', size: 10, offset: 3 }, 1000);
    expect(late).toEqual([]);
    expect(windows(rows)).toEqual([
      ['a', -17, -7, 1],
      ['a', -7, 3, 3],
      ['a', 3, 13, 1],
    ]);
  });

  it('fires every remaining window at the end of input', () => {
    // No watermark during the input reaches [100,110) or the key-b window; the end-of-input watermark fires them.
    const records = [...evs([0, 100]), ...evs([104], [5], 'b')];
    const { rows, late } = run(records, { kind: 'tumbling', size: 10 }, 5, 50);
    expect(late).toEqual([]);
    expect(windows(rows)).toEqual([
      ['a', 0, 10, 1],
      ['a', 100, 110, 1],
      ['b', 100, 110, 1],
    ]);
    // The end of input does not make anything late retroactively: only the arrival-time watermark counts.
    const afterJump = run(evs([100, 0]), { kind: 'tumbling', size: 10 }, 5);
    expect(afterJump.late.map((l) => l.index)).toEqual([1]);
    expect(windows(afterJump.rows)).toEqual([['a', 100, 110, 1]]);
  });
});

describe('sliding windows', () => {
  it('assigns an element to every window that contains it, also when the slide does not divide the size', () => {
    expect(assignWindows(3, { kind: 'sliding', size: 10, slide: 5 })).toEqual([
      { start: 0, end: 10 },
      { start: -5, end: 5 },
    ]);
    expect(assignWindows(-3, { kind: 'sliding', size: 10, slide: 5 })).toEqual([
      { start: -5, end: 5 },
      { start: -10, end: 0 },
    ]);
    expect(assignWindows(7, { kind: 'sliding', size: 10, slide: 4 })).toEqual([
      { start: 4, end: 14 },
      { start: 0, end: 10 },
    ]);
    expect(assignWindows(8, { kind: 'sliding', size: 10, slide: 4 })).toEqual([
      { start: 8, end: 18 },
      { start: 4, end: 14 },
      { start: 0, end: 10 },
    ]);
    expect(assignWindows(8, { kind: 'sliding', size: 10, slide: 4, offset: 1 })).toEqual([
      { start: 5, end: 15 },
      { start: 1, end: 11 },
    ]);
  });

  it('adds an element late for only some of its windows to the others and not to the late output', () => {
    // size 10, slide 5, maxOutOfOrderness 0. ts 11 arrives at wm 14: its windows are [10,20) (max ts 19,
    // not late) and [5,15) (max ts 14 <= 14, late). It goes to [10,20) only; [5,15) never gets an element.
    const records = evs([3, 15, 11], [1, 10, 100]);
    const { rows, late } = run(records, { kind: 'sliding', size: 10, slide: 5 }, 0);
    expect(late).toEqual([]);
    expect(rows).toEqual([
      { key: 'a', windowStart: -5, windowEnd: 5, count: 1, sum: 1, first: 1, last: 1 },
      { key: 'a', windowStart: 0, windowEnd: 10, count: 1, sum: 1, first: 1, last: 1 },
      { key: 'a', windowStart: 10, windowEnd: 20, count: 2, sum: 110, first: 10, last: 100 },
      { key: 'a', windowStart: 15, windowEnd: 25, count: 1, sum: 10, first: 10, last: 10 },
    ]);
  });

  it('sends an element to the late output only when all of its windows are late', () => {
    // ts 9 at wm 14: windows [5,15) (max ts 14) and [0,10) (max ts 9) are both late.
    const { rows, late } = run(evs([3, 15, 9]), { kind: 'sliding', size: 10, slide: 5 }, 0);
    expect(late.map((l) => l.index)).toEqual([2]);
    expect(windows(rows)).toEqual([
      ['a', -5, 5, 1],
      ['a', 0, 10, 1],
      ['a', 10, 20, 1],
      ['a', 15, 25, 1],
    ]);
  });
});

describe('session windows', () => {
  it('puts elements exactly gap apart in one session, and elements further apart in separate ones', () => {
    // gap 10: a@0, a@10, a@20 touch ([0,10) and [10,20) share the point 10): one session [0,30).
    // b@0 and b@11: [0,10) and [11,21) neither intersect nor touch.
    const records = [
      { k: 'a', ts: 0, v: 1 },
      { k: 'b', ts: 0, v: 2 },
      { k: 'a', ts: 10, v: 3 },
      { k: 'b', ts: 11, v: 4 },
      { k: 'a', ts: 20, v: 5 },
    ];
    const { rows, late } = run(records, { kind: 'session', gap: 10 }, 0);
    expect(late).toEqual([]);
    expect(rows).toEqual([
      { key: 'a', windowStart: 0, windowEnd: 30, count: 3, sum: 9, first: 1, last: 5 },
      { key: 'b', windowStart: 0, windowEnd: 10, count: 1, sum: 2, first: 2, last: 2 },
      { key: 'b', windowStart: 11, windowEnd: 21, count: 1, sum: 4, first: 4, last: 4 },
    ]);
  });

  it('merges two fired sessions when a late element within allowed lateness bridges them', () => {
    // gap 10, maxOutOfOrderness 0, allowedLateness 25. Sessions [0,10), [18,28), [30,40) exist when ts 9
    // arrives at wm 29 (both first sessions have fired; none is cleaned up: 9 + 25 = 34 > 29).
    // [9,19) touches [0,10) and intersects [18,28): all three become [0,28); [30,40) is not touched (30 > 28).
    // first/last follow arrival order across the merged parts: first = ts 0's value, last = ts 9's value.
    const records = evs([0, 18, 30, 9], [1, 2, 3, 4]);
    const { rows, late } = run(records, { kind: 'session', gap: 10 }, 0, 25);
    expect(late).toEqual([]);
    expect(rows).toEqual([
      { key: 'a', windowStart: 0, windowEnd: 28, count: 3, sum: 7, first: 1, last: 4 },
      { key: 'a', windowStart: 30, windowEnd: 40, count: 1, sum: 3, first: 3, last: 3 },
    ]);

    // Without allowed lateness both sessions are cleaned up and [9,19) itself is late: late output.
    const strict = run(records, { kind: 'session', gap: 10 }, 0, 0);
    expect(strict.late.map((l) => l.index)).toEqual([3]);
    expect(windows(strict.rows)).toEqual([
      ['a', 0, 10, 1],
      ['a', 18, 28, 1],
      ['a', 30, 40, 1],
    ]);
  });

  it('orders first and last by arrival even when an earlier timestamp arrives later', () => {
    const records = evs([5, 2, 8], [50, 20, 80]);
    const { rows } = oracleWindowAggregate(records, {
      key: (r) => r.k,
      timestamp: (r) => r.ts,
      maxOutOfOrderness: 10,
      window: { kind: 'session', gap: 4 },
      aggregates: {
        first: { kind: 'first', field: (r) => r.v },
        last: { kind: 'last', field: (r) => r.v },
        min: { kind: 'min', field: (r) => r.v },
        max: { kind: 'max', field: (r) => r.v },
        avg: { kind: 'avg', field: (r) => r.v },
      },
    });
    expect(rows).toEqual([
      { key: 'a', windowStart: 2, windowEnd: 12, first: 50, last: 80, min: 20, max: 80, avg: 50 },
    ]);
  });

  it('does not merge an element into a session that was already cleaned up', () => {
    // gap 10, maxOutOfOrderness 0: ts 9 arrives at wm 17. [0,10) is cleaned up (9 <= 17) and final;
    // [9,19) is not late (18 > 17) and merges with the open [18,28) into [9,28). The two rows overlap.
    const { rows, late } = run(evs([0, 18, 9]), { kind: 'session', gap: 10 }, 0);
    expect(late).toEqual([]);
    expect(windows(rows)).toEqual([
      ['a', 0, 10, 1],
      ['a', 9, 28, 2],
    ]);
  });

  it('fires open sessions at the end of input', () => {
    const { rows } = run(evs([0, 3, 100, 104]), { kind: 'session', gap: 5 }, 0);
    expect(windows(rows)).toEqual([
      ['a', 0, 8, 2],
      ['a', 100, 109, 2],
    ]);
  });
});

describe('keys and row comparison', () => {
  it('treats 1 and "1" as different keys and equal composite keys as one key', () => {
    const records = [
      { k: 1 as unknown, ts: 0 },
      { k: '1' as unknown, ts: 1 },
      { k: ['x', 2] as unknown, ts: 2 },
      { k: ['x', 2] as unknown, ts: 3 },
    ];
    const { rows } = oracleWindowAggregate(records, {
      key: (r) => r.k,
      timestamp: (r) => r.ts,
      maxOutOfOrderness: 0,
      window: { kind: 'tumbling', size: 10 },
      aggregates: { n: { kind: 'count' } },
    });
    // 1 and "1" tie on String(key) and window; the canonical encoding breaks the tie ('"1"' < '1').
    expect(rows.map((r) => [r.key, r.n])).toEqual([
      ['1', 1],
      [1, 1],
      [['x', 2], 2],
    ]);
  });

  it('sorts rows by key string then window start and gives a canonical string independent of order', () => {
    const a = [
      { key: 'b', windowStart: 0, windowEnd: 10, n: 1, avg: 1.5 },
      { key: 'a', windowStart: 10, windowEnd: 20, n: 2, avg: 2 },
      { key: 'a', windowStart: -10, windowEnd: 0, n: 3, avg: 0.5 },
    ];
    const b = [
      { windowEnd: 0, avg: 0.5, n: 3, key: 'a', windowStart: -10 },
      { avg: 1.5, n: 1, windowStart: 0, windowEnd: 10, key: 'b' },
      { n: 2, avg: 2, key: 'a', windowEnd: 20, windowStart: 10 },
    ];
    expect(sortRows(a).map((r) => [r.key, r.windowStart])).toEqual([
      ['a', -10],
      ['a', 10],
      ['b', 0],
    ]);
    expect(canonicalRows(a)).toBe(canonicalRows(b));
    expect(canonicalRows(a)).toBe(
      '[{"key":"a","windowStart":-10,"windowEnd":0,"avg":0.5,"n":3},' +
        '{"key":"a","windowStart":10,"windowEnd":20,"avg":2,"n":2},' +
        '{"key":"b","windowStart":0,"windowEnd":10,"avg":1.5,"n":1}]',
    );
    expect(canonicalRows(a)).not.toBe(canonicalRows([...a.slice(1), { ...a[0]!, n: 2 }]));
  });

  it('rejects invalid specs and non-integer timestamps', () => {
    const base = {
      key: (r: Ev) => r.k,
      timestamp: (r: Ev) => r.ts,
      maxOutOfOrderness: 0,
      aggregates: { n: { kind: 'count' as const } },
    };
    expect(() => oracleWindowAggregate(evs([1]), { ...base, window: { kind: 'tumbling', size: 0 } })).toThrow();
    expect(() =>
      oracleWindowAggregate(evs([1]), { ...base, window: { kind: 'sliding', size: 5, slide: 6 } }),
    ).toThrow();
    expect(() => oracleWindowAggregate(evs([1.5]), { ...base, window: { kind: 'session', gap: 3 } })).toThrow();
    expect(() =>
      oracleWindowAggregate(evs([1]), {
        ...base,
        window: { kind: 'session', gap: 3 },
        aggregates: { key: { kind: 'count' } },
      }),
    ).toThrow();
  });
});

describe('rolling aggregates and reduce', () => {
  it('gives the final aggregate row per key in first-seen key order', () => {
    const records = [
      { k: 'b', v: 2 },
      { k: 'a', v: 1 },
      { k: 'b', v: -6 },
      { k: 'a', v: 3 },
      { k: 'c', v: 7 },
      { k: 'b', v: 5 },
    ];
    const rows = oracleRollingAggregate(records, {
      key: (r) => r.k,
      aggregates: {
        count: { kind: 'count' },
        sum: { kind: 'sum', field: (r) => r.v },
        min: { kind: 'min', field: (r) => r.v },
        max: { kind: 'max', field: (r) => r.v },
        avg: { kind: 'avg', field: (r) => r.v },
        first: { kind: 'first', field: (r) => r.v },
        last: { kind: 'last', field: (r) => r.v },
      },
    });
    expect(rows).toEqual([
      { key: 'b', count: 3, sum: 1, min: -6, max: 5, avg: 1 / 3, first: 2, last: 5 },
      { key: 'a', count: 2, sum: 4, min: 1, max: 3, avg: 2, first: 1, last: 3 },
      { key: 'c', count: 1, sum: 7, min: 7, max: 7, avg: 7, first: 7, last: 7 },
    ]);
  });

  it('reduces per key starting from the first record of the key', () => {
    const records = [
      { k: 'x', v: 1, n: 1 },
      { k: 'y', v: 10, n: 1 },
      { k: 'x', v: 5, n: 1 },
      { k: 'x', v: 3, n: 1 },
    ];
    const reduced = oracleReduce(
      records,
      (r) => r.k,
      (acc, r) => ({ k: acc.k, v: Math.max(acc.v, r.v), n: acc.n + r.n }),
    );
    expect(reduced).toEqual([
      { key: 'x', value: { k: 'x', v: 5, n: 3 } },
      { key: 'y', value: { k: 'y', v: 10, n: 1 } },
    ]);
  });
});
