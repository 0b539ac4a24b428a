import { describe, expect, it } from 'vitest';
import {
  keyGroupOf,
  keyGroupPartitioner,
  keyGroupRange,
  partitionOfKeyGroup,
} from '../../../../runtime/exec/partitioning/key-groups.ts';
import { RivuletError } from '../../../../runtime/errors/rivulet-error.ts';

// The reference table (flink-semantics.md, "Key groups"), checked against Java: maxParallelism 128, parallelism 4.
const VECTORS: [unknown, number, number][] = [
  [0, 94, 2],
  [1, 86, 2],
  [2, 127, 3],
  [42, 29, 0],
  [1000, 7, 0],
  [1007, 55, 1],
  ['a', 81, 2],
  ['hello', 35, 1],
  ['user-17', 49, 1],
  ['Flink', 127, 3],
  ['', 94, 2],
  [-1, 80, 2],
];

describe('key groups', () => {
  it.each(VECTORS)('puts key %j in key group %i and partition %i, as Flink does', (key, keyGroup, partition) => {
    expect(keyGroupOf(key, 128)).toBe(keyGroup);
    expect(partitionOfKeyGroup(keyGroup, 4, 128)).toBe(partition);
    expect(keyGroupPartitioner(4, 128).partitionOf(key)).toBe(partition);
  });

  it('puts a Flink Tuple3 key in the key group Java computes', () => {
    expect(keyGroupOf(['a', 7, true], 128)).toBe(123);
  });

  it('splits [0, maxParallelism) into contiguous ranges that agree with partitionOfKeyGroup', () => {
    for (const maxP of [128, 10, 7, 1]) {
      for (let p = 1; p <= Math.min(10, maxP); p++) {
        let next = 0;
        for (let partition = 0; partition < p; partition++) {
          const { start, end } = keyGroupRange(partition, p, maxP);
          expect(start).toBe(next);
          expect(end).toBeGreaterThanOrEqual(start);
          for (let kg = start; kg <= end; kg++) expect(partitionOfKeyGroup(kg, p, maxP)).toBe(partition);
          next = end + 1;
        }
        expect(next).toBe(maxP);
      }
    }
  });

  it('routes keys through the precomputed table exactly as the formula does', () => {
    const partitioner = keyGroupPartitioner(3, 128);
    for (let i = 0; i < 1000; i++) {
      const key = i % 2 === 0 ? i * 7919 : `k${i}`;
      expect(partitioner.partitionOf(key)).toBe(partitionOfKeyGroup(keyGroupOf(key, 128), 3, 128));
      expect(partitioner.keyGroupOf(key)).toBe(keyGroupOf(key, 128));
    }
  });

  it('rejects a parallelism above maxParallelism and a maxParallelism out of range', () => {
    expect(() => keyGroupPartitioner(129, 128)).toThrow(expect.objectContaining({ code: 'BAD_PARALLELISM' }));
    expect(() => keyGroupPartitioner(0, 128)).toThrow(RivuletError);
    expect(() => keyGroupPartitioner(1, 40000)).toThrow(expect.objectContaining({ code: 'BAD_MAX_PARALLELISM' }));
    expect(() => keyGroupRange(4, 4, 128)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });
});
