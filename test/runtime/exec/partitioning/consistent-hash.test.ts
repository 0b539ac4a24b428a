import { describe, expect, it } from 'vitest';
import { ConsistentHashRing } from '../../../../runtime/exec/partitioning/consistent-hash.ts';
import { RivuletError } from '../../../../runtime/errors/rivulet-error.ts';

const KEYS = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? i : `user-${i}`));

describe('ConsistentHashRing', () => {
  it('gives every partition some keys', () => {
    for (const p of [1, 2, 3, 4, 8, 16]) {
      const ring = new ConsistentHashRing(p);
      const load = new Array<number>(p).fill(0);
      for (const key of KEYS) load[ring.partitionOf(key)]! += 1;
      expect(load.every((n) => n > 0)).toBe(true);
    }
  });

  it('is deterministic: two rings built alike route every key alike', () => {
    const a = new ConsistentHashRing(5, { virtualNodes: 32 });
    const b = new ConsistentHashRing(5, { virtualNodes: 32 });
    for (const key of KEYS) expect(a.partitionOf(key)).toBe(b.partitionOf(key));
  });

  it('moves about 1/(p+1) of the keys when a partition is added, all of them to the new partition', () => {
    for (const p of [1, 3, 4, 7]) {
      const before = new ConsistentHashRing(p);
      const after = new ConsistentHashRing(p + 1);
      let moved = 0;
      for (const key of KEYS) {
        const from = before.partitionOf(key);
        const to = after.partitionOf(key);
        if (from === to) continue;
        moved++;
        expect(to).toBe(p);
      }
      expect(moved).toBeGreaterThan(0);
      expect(moved / KEYS.length).toBeLessThan(2 / (p + 1));
    }
  });

  it('returns partitions in [0, parallelism) for all kinds of keys', () => {
    const ring = new ConsistentHashRing(3, { virtualNodes: 1 });
    for (const key of [0, -1, 1.5, '', 'x', null, true, [1, 'a'], { a: 1 }, 10n]) {
      const partition = ring.partitionOf(key);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(3);
    }
  });

  it('rejects a non-positive parallelism or virtual node count', () => {
    expect(() => new ConsistentHashRing(0)).toThrow(RivuletError);
    expect(() => new ConsistentHashRing(2, { virtualNodes: 0 })).toThrow(RivuletError);
    expect(() => new ConsistentHashRing(2.5)).toThrow(RivuletError);
  });
});
