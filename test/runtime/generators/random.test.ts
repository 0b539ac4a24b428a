import { describe, expect, it } from 'vitest';
import { Rng, rngFor, seedState } from '../../../runtime/generators/random.ts';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('Rng', () => {
  it('gives the same numbers for the same seed, index and stream', () => {
    expect(draws(rngFor(7, 123, 0), 20)).toEqual(draws(rngFor(7, 123, 0), 20));
  });

  it('gives different numbers when the seed, the index or the stream changes', () => {
    const base = draws(rngFor(7, 123, 0), 5);
    expect(draws(rngFor(8, 123, 0), 5)).not.toEqual(base);
    expect(draws(rngFor(7, 124, 0), 5)).not.toEqual(base);
    expect(draws(rngFor(7, 123, 1), 5)).not.toEqual(base);
  });

  it('tells apart indices that differ only above 32 bits', () => {
    expect(seedState(0, 5, 0)).not.toBe(seedState(0, 5 + 2 ** 32, 0));
    expect(seedState(0, 2 ** 40, 0)).not.toBe(seedState(0, 2 ** 41, 0));
  });

  it('restarts the same stream on reset as a fresh object would give', () => {
    const rng = rngFor(1, 2, 3);
    rng.next();
    rng.reset(9, 10, 0);
    expect(draws(rng, 10)).toEqual(draws(new Rng(9, 10, 0), 10));
  });

  it('stays in [0, 1) and int(n) in 0..n-1 with roughly uniform buckets', () => {
    const rng = rngFor(42, 0, 0);
    const buckets = new Array<number>(10).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outOfRange++;
      const k = rng.int(10);
      buckets[k] = (buckets[k] ?? 0) + 1;
    }
    expect(outOfRange).toBe(0);
    expect(buckets).toHaveLength(10);
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('gives uncorrelated first draws for consecutive indices', () => {
    let sum = 0;
    let sumProducts = 0;
    let previous = rngFor(0, 0, 0).next();
    const n = 50_000;
    for (let i = 1; i <= n; i++) {
      const x = rngFor(0, i, 0).next();
      sum += x;
      sumProducts += (x - 0.5) * (previous - 0.5);
      previous = x;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(sumProducts / n)).toBeLessThan(0.005); // covariance of neighbours ~ 0 (variance is 1/12)
  });
});
