import { describe, expect, it } from 'vitest';
import { createPartitioner, type PartitionerKind } from '../../../../runtime/exec/partitioning/partitioner.ts';
import { ConsistentHashRing } from '../../../../runtime/exec/partitioning/consistent-hash.ts';
import { keyGroupPartitioner } from '../../../../runtime/exec/partitioning/key-groups.ts';

describe('createPartitioner', () => {
  it('builds a key-group partitioner that agrees with keyGroupPartitioner', () => {
    const p = createPartitioner('key-groups', 4, 128);
    expect(p.kind).toBe('key-groups');
    expect(p.parallelism).toBe(4);
    const reference = keyGroupPartitioner(4, 128);
    for (let i = 0; i < 500; i++) expect(p.partitionOf(`k${i}`)).toBe(reference.partitionOf(`k${i}`));
  });

  it('builds a consistent-hash ring with the requested virtual nodes', () => {
    const p = createPartitioner('consistent-hash', 4, 128, { virtualNodes: 8 });
    expect(p.kind).toBe('consistent-hash');
    expect(p).toBeInstanceOf(ConsistentHashRing);
    expect((p as ConsistentHashRing).virtualNodes).toBe(8);
  });

  it('rejects an unknown kind and a parallelism above maxParallelism', () => {
    expect(() => createPartitioner('round-robin' as PartitionerKind, 4, 128)).toThrow(
      expect.objectContaining({ code: 'BAD_ARGUMENT' }),
    );
    expect(() => createPartitioner('consistent-hash', 200, 128)).toThrow(expect.objectContaining({ code: 'BAD_PARALLELISM' }));
  });
});
