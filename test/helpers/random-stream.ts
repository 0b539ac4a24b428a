// Seeded random streams and window specs for randomized tests that compare the runtime with the oracle
// (test/helpers/oracle/). Deterministic: the same seed always gives the same stream. Imports nothing from runtime/.

import type { WindowSpec } from './oracle/windows.ts';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: a small, fast, seeded 32-bit PRNG. The same seed gives the same sequence. */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [lo, hi] (both inclusive). */
export function randomInt(rng: Rng, lo: number, hi: number): number {
  if (hi < lo) throw new Error(`randomInt: empty range [${lo}, ${hi}]`);
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A uniformly chosen element of a non-empty array. */
export function pick<E>(rng: Rng, items: readonly E[]): E {
  if (items.length === 0) throw new Error('pick: empty array');
  return items[randomInt(rng, 0, items.length - 1)] as E;
}

export interface StreamRecord {
  /** The record's position in arrival order: 0, 1, 2, ... */
  id: number;
  key: string | number;
  /** Event timestamp, integer ms. */
  ts: number;
  /** An integer; some are negative. */
  value: number;
}

export interface RandomStreamOptions {
  /** Number of records. Default 200. */
  n?: number;
  /** How many keys ('k0', 'k1', ...) or the keys themselves. Default 5. */
  keys?: number | readonly (string | number)[];
  /** Out-of-orderness of ordinary records: ts is up to this much behind the event-time frontier. Default 10. */
  maxDelay?: number;
  /** Fraction of records made deliberately very late. Default 0.05. */
  lateFraction?: number;
  /** A very late record is between maxDelay + lateBy and maxDelay + 2 * lateBy behind the frontier. Default 50. */
  lateBy?: number;
  /** Event time of the frontier before the first record (may be negative). Default 0. */
  start?: number;
  /** The frontier advances by a random 0..maxStep per record (0 makes equal timestamps). Default 4. */
  maxStep?: number;
}

/**
 * Records `{ id, key, ts, value }` in ARRIVAL order. An event-time frontier advances by 0..maxStep per record;
 * an ordinary record's ts is the frontier minus a random delay in [0, maxDelay] (so timestamps mostly increase,
 * out of order by up to maxDelay); a `lateFraction` of records are very late (ts far behind the frontier).
 * Keys are skewed: half of the records go to a small set of hot keys (the first quarter of the keys, at least
 * one), the rest uniformly to all keys. Values are integers in [-50, 100].
 */
export function randomStream(seed: number, options: RandomStreamOptions = {}): StreamRecord[] {
  const n = options.n ?? 200;
  const keyOption = options.keys ?? 5;
  const keys: readonly (string | number)[] =
    typeof keyOption === 'number' ? Array.from({ length: keyOption }, (_, i) => `k${i}`) : keyOption;
  if (keys.length === 0) throw new Error('randomStream: no keys');
  const maxDelay = options.maxDelay ?? 10;
  const lateFraction = options.lateFraction ?? 0.05;
  const lateBy = options.lateBy ?? 50;
  const maxStep = options.maxStep ?? 4;
  const hot = keys.slice(0, Math.max(1, Math.floor(keys.length / 4)));

  const rng = seededRandom(seed);
  let frontier = options.start ?? 0;
  const out: StreamRecord[] = [];
  for (let id = 0; id < n; id++) {
    frontier += randomInt(rng, 0, maxStep);
    const key = rng() < 0.5 ? pick(rng, hot) : pick(rng, keys);
    const ts =
      rng() < lateFraction
        ? frontier - maxDelay - lateBy - randomInt(rng, 0, lateBy)
        : frontier - randomInt(rng, 0, maxDelay);
    const value = randomInt(rng, -50, 100);
    out.push({ id, key, ts, value });
  }
  return out;
}

export interface RandomWindowSpec {
  window: WindowSpec;
  allowedLateness: number;
  maxOutOfOrderness: number;
}

/**
 * A random window setup: tumbling, sliding or session (one third each) with random sizes; sliding has
 * slide <= size, dividing size about half of the time; offsets are usually 0, otherwise within Flink's bounds
 * (|offset| < size for tumbling, |offset| < slide for sliding). allowedLateness is 0 about 60% of the time;
 * maxOutOfOrderness is in [0, 15], 0 about 20% of the time.
 */
export function randomWindowSpec(rng: Rng): RandomWindowSpec {
  const kind = randomInt(rng, 0, 2);
  let window: WindowSpec;
  if (kind === 0) {
    const size = randomInt(rng, 1, 40);
    const offset = rng() < 0.7 ? 0 : randomInt(rng, -(size - 1), size - 1);
    window = { kind: 'tumbling', size, offset };
  } else if (kind === 1) {
    const size = randomInt(rng, 2, 40);
    let slide: number;
    if (rng() < 0.5) {
      const divisors: number[] = [];
      for (let d = 1; d <= size; d++) if (size % d === 0) divisors.push(d);
      slide = pick(rng, divisors);
    } else {
      slide = randomInt(rng, 1, size);
    }
    const offset = rng() < 0.7 ? 0 : randomInt(rng, -(slide - 1), slide - 1);
    window = { kind: 'sliding', size, slide, offset };
  } else {
    window = { kind: 'session', gap: randomInt(rng, 1, 25) };
  }
  const allowedLateness = rng() < 0.6 ? 0 : randomInt(rng, 1, 30);
  const maxOutOfOrderness = rng() < 0.2 ? 0 : randomInt(rng, 0, 15);
  return { window, allowedLateness, maxOutOfOrderness };
}
