import { describe, expect, it } from 'vitest';
import { murmurHash } from '../../../../runtime/exec/partitioning/murmur.ts';

describe('murmurHash', () => {
  it('matches Flink MathUtils.murmurHash for the reference vector', () => {
    expect(murmurHash(2)).toBe(1085422463);
  });

  it('returns non-negative 32-bit integers, including for the extreme ints', () => {
    for (const code of [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 123456789, -987654321]) {
      const h = murmurHash(code);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 31);
    }
  });

  it('agrees with values computed by the JDK for the extreme ints', () => {
    expect(murmurHash(-(2 ** 31)) % 128).toBe(108);
    expect(murmurHash(2 ** 31 - 1) % 128).toBe(62);
    expect(murmurHash(123456789) % 128).toBe(81);
  });
});
