// Self-tests of the seeded stream generator, and of the oracle on random streams against invariants and
// against independent (differently computed) group-bys for the case where nothing can be late.

import { describe, expect, it } from 'vitest';

import { canonicalRows, oracleWindowAggregate, type WindowSpec } from '../helpers/oracle/windows.ts';
import {
  randomInt,
  randomStream,
  randomWindowSpec,
  seededRandom,
  type StreamRecord,
} from '../helpers/random-stream.ts';

const aggregates = {
  count: { kind: 'count' },
  sum: { kind: 'sum', field: (r: StreamRecord) => r.value },
  min: { kind: 'min', field: (r: StreamRecord) => r.value },
  max: { kind: 'max', field: (r: StreamRecord) => r.value },
  first: { kind: 'first', field: (r: StreamRecord) => r.value },
  last: { kind: 'last', field: (r: StreamRecord) => r.value },
} as const;

function runOracle(records: StreamRecord[], window: WindowSpec, maxOutOfOrderness: number, allowedLateness: number) {
  return oracleWindowAggregate(records, {
    key: (r) => r.key,
    timestamp: (r) => r.ts,
    maxOutOfOrderness,
    window,
    allowedLateness,
    aggregates,
  });
}

/** Rows computed without watermarks, by a different method: list the windows of each record arithmetically. */
function groupByWithoutLateness(records: StreamRecord[], window: WindowSpec) {
  const groups = new Map<string, { key: string | number; windowStart: number; windowEnd: number; members: StreamRecord[] }>();
  const add = (r: StreamRecord, windowStart: number, windowEnd: number) => {
    const id = JSON.stringify([r.key, windowStart]);
    let g = groups.get(id);
    if (g === undefined) {
      g = { key: r.key, windowStart, windowEnd, members: [] };
      groups.set(id, g);
    }
    g.members.push(r);
  };
  if (window.kind === 'session') {
    const byKey = new Map<string | number, StreamRecord[]>();
    for (const r of records) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    for (const rs of byKey.values()) {
      const sorted = [...rs].sort((a, b) => a.ts - b.ts);
      let start = sorted[0]!.ts;
      let end = start + window.gap;
      let members: StreamRecord[] = [];
      for (const r of sorted) {
        if (r.ts > end) {
          for (const m of members) add(m, start, end);
          start = r.ts;
          end = r.ts + window.gap;
          members = [];
        }
        end = Math.max(end, r.ts + window.gap);
        members.push(r);
      }
      for (const m of members) add(m, start, end);
    }
  } else {
    const offset = window.offset ?? 0;
    const slide = window.kind === 'tumbling' ? window.size : window.slide;
    for (const r of records) {
      // Starts are offset + k * slide with start <= ts < start + size.
      const kMax = Math.floor((r.ts - offset) / slide);
      const kMin = Math.ceil((r.ts - window.size + 1 - offset) / slide);
      for (let k = kMin; k <= kMax; k++) add(r, offset + k * slide, offset + k * slide + window.size);
    }
  }
  return [...groups.values()].map((g) => {
    const ms = [...g.members].sort((a, b) => a.id - b.id);
    const values = ms.map((m) => m.value);
    return {
      key: g.key,
      windowStart: g.windowStart,
      windowEnd: g.windowEnd,
      count: ms.length,
      sum: values.reduce((s, v) => s + v, 0),
      min: Math.min(...values),
      max: Math.max(...values),
      first: values[0]!,
      last: values[values.length - 1]!,
    };
  });
}

describe('randomStream', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(randomStream(7, { n: 100 })).toEqual(randomStream(7, { n: 100 }));
    expect(randomStream(7, { n: 100 })).not.toEqual(randomStream(8, { n: 100 }));
    const rng1 = seededRandom(42);
    const rng2 = seededRandom(42);
    for (let i = 0; i < 10; i++) expect(rng1()).toBe(rng2());
  });

  it('produces mostly increasing integer timestamps, skewed keys, negative values and very late records', () => {
    const n = 2000;
    const maxDelay = 10;
    const lateBy = 50;
    const s = randomStream(3, { n, keys: 8, maxDelay, lateFraction: 0.05, lateBy, start: -500 });
    expect(s.map((r) => r.id)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(s.every((r) => Number.isSafeInteger(r.ts) && Number.isSafeInteger(r.value))).toBe(true);
    expect(s.some((r) => r.value < 0)).toBe(true);
    expect(s.some((r) => r.ts < 0)).toBe(true);

    let maxTs = -Infinity;
    let outOfOrder = 0;
    let veryLate = 0;
    for (const r of s) {
      if (r.ts < maxTs) outOfOrder++;
      // Ordinary records are at most maxDelay behind the frontier, so at most maxDelay behind maxTs.
      if (maxTs - r.ts > 2 * maxDelay) veryLate++;
      maxTs = Math.max(maxTs, r.ts);
    }
    expect(outOfOrder).toBeGreaterThan(n * 0.1);
    expect(veryLate).toBeGreaterThan(n * 0.02);
    expect(veryLate).toBeLessThan(n * 0.1);

    const counts = new Map<unknown, number>();
    for (const r of s) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    expect(counts.size).toBe(8);
    // Hot keys k0, k1 get about (0.5 / 2 + 0.5 / 8) = 31% each; the others about 6%.
    expect(counts.get('k0')!).toBeGreaterThan(n * 0.2);
    expect(counts.get('k7')!).toBeLessThan(n * 0.12);
  });

  it('uses given keys', () => {
    const s = randomStream(1, { n: 50, keys: [1, 2, 'x'] });
    expect(new Set(s.map((r) => r.key)).size).toBeLessThanOrEqual(3);
    expect(s.every((r) => r.key === 1 || r.key === 2 || r.key === 'x')).toBe(true);
  });
});

describe('randomWindowSpec', () => {
  it('draws valid tumbling, sliding and session specs within Flink bounds', () => {
    const rng = seededRandom(11);
    const kinds = new Set<string>();
    let nonDividing = 0;
    let zeroLateness = 0;
    let offsets = 0;
    for (let i = 0; i < 500; i++) {
      const { window: w, allowedLateness, maxOutOfOrderness } = randomWindowSpec(rng);
      kinds.add(w.kind);
      expect(Number.isSafeInteger(allowedLateness) && allowedLateness >= 0).toBe(true);
      expect(Number.isSafeInteger(maxOutOfOrderness) && maxOutOfOrderness >= 0).toBe(true);
      if (allowedLateness === 0) zeroLateness++;
      if (w.kind === 'session') {
        expect(w.gap).toBeGreaterThan(0);
      } else if (w.kind === 'tumbling') {
        expect(w.size).toBeGreaterThan(0);
        expect(Math.abs(w.offset ?? 0)).toBeLessThan(w.size);
        if ((w.offset ?? 0) !== 0) offsets++;
      } else {
        expect(w.slide).toBeGreaterThan(0);
        expect(w.slide).toBeLessThanOrEqual(w.size);
        expect(Math.abs(w.offset ?? 0)).toBeLessThan(w.slide);
        if (w.size % w.slide !== 0) nonDividing++;
      }
    }
    expect([...kinds].sort()).toEqual(['session', 'sliding', 'tumbling']);
    expect(nonDividing).toBeGreaterThan(10);
    expect(offsets).toBeGreaterThan(10);
    expect(zeroLateness).toBeGreaterThan(200);
    expect(zeroLateness).toBeLessThan(400);
  });
});

describe('oracle on random streams', () => {
  it('matches an independent group-by when nothing can be late', () => {
    for (let seed = 0; seed < 150; seed++) {
      const rng = seededRandom(1000 + seed);
      const { window } = randomWindowSpec(rng);
      const records = randomStream(seed, { n: 120, keys: randomInt(rng, 1, 6), start: randomInt(rng, -300, 300) });
      // With an infinite out-of-orderness bound the watermark stays at -Infinity until the end of input.
      const { rows, late } = runOracle(records, window, Infinity, 0);
      expect(late).toEqual([]);
      expect(canonicalRows(rows)).toBe(canonicalRows(groupByWithoutLateness(records, window)));
    }
  });

  it('keeps every record exactly once or in the late output, and only records behind the watermark are late', () => {
    for (let seed = 0; seed < 200; seed++) {
      const rng = seededRandom(5000 + seed);
      const { window, allowedLateness, maxOutOfOrderness } = randomWindowSpec(rng);
      const records = randomStream(seed, { n: 150, keys: randomInt(rng, 1, 5), maxDelay: randomInt(rng, 0, 20) });
      const { rows, late } = runOracle(records, window, maxOutOfOrderness, allowedLateness);

      // Flink's isElementLate: a record in the late output has ts + allowedLateness <= the watermark it met.
      const lateIds = new Set(late.map((l) => l.index));
      let maxTs = -Infinity;
      for (const r of records) {
        const wm = maxTs - maxOutOfOrderness - 1;
        if (lateIds.has(r.id)) expect(r.ts + allowedLateness).toBeLessThanOrEqual(wm);
        maxTs = Math.max(maxTs, r.ts);
      }
      for (const l of late) expect(l.record).toBe(records[l.index]);

      const total = rows.reduce((s, r) => s + r.count, 0);
      if (window.kind === 'sliding') {
        const perElement = Math.ceil(window.size / window.slide);
        expect(total).toBeLessThanOrEqual((records.length - late.length) * perElement);
        expect(total).toBeGreaterThanOrEqual(records.length - late.length);
        for (const row of rows) {
          expect(row.windowEnd - row.windowStart).toBe(window.size);
          expect((((row.windowStart - (window.offset ?? 0)) % window.slide) + window.slide) % window.slide).toBe(0);
        }
      } else {
        expect(total + late.length).toBe(records.length);
      }
      if (window.kind === 'tumbling') {
        for (const row of rows) expect(row.windowEnd - row.windowStart).toBe(window.size);
      }
      for (const row of rows) {
        expect(row.count).toBeGreaterThan(0);
        expect(row.min).toBeLessThanOrEqual(row.max);
      }
    }
  });

  it('never sends more tumbling or sliding records to the late output when allowed lateness grows', () => {
    for (let seed = 0; seed < 100; seed++) {
      const rng = seededRandom(9000 + seed);
      const { window, maxOutOfOrderness } = randomWindowSpec(rng);
      if (window.kind === 'session') continue;
      const records = randomStream(seed, { n: 150, keys: 3 });
      const strict = new Set(runOracle(records, window, maxOutOfOrderness, 0).late.map((l) => l.index));
      const lenient = runOracle(records, window, maxOutOfOrderness, randomInt(rng, 1, 40)).late;
      for (const l of lenient) expect(strict.has(l.index)).toBe(true);
    }
  });
});
