// The one interface every partitioning scheme implements, and a factory choosing a scheme by name.
import { RivuletError } from '../../errors/rivulet-error.ts';
import { KeyGroupPartitioner } from './key-groups.ts';
import { ConsistentHashRing } from './consistent-hash.ts';
import { checkMaxParallelism, checkParallelism } from './arguments.ts';

export type PartitionerKind = 'key-groups' | 'consistent-hash';

export const PARTITIONER_KINDS: readonly PartitionerKind[] = ['key-groups', 'consistent-hash'];

/** Routes a key to one of `parallelism` partitions (0-based); the same key always to the same partition. */
export interface Partitioner {
  readonly kind: PartitionerKind;
  readonly parallelism: number;
  partitionOf(key: unknown): number;
}

export interface PartitionerOptions {
  /** Ring points per partition, for 'consistent-hash' (default 64). */
  virtualNodes?: number | undefined;
}

/** A partitioner of the given kind. maxParallelism bounds parallelism for both kinds (the ring ignores it otherwise). */
export function createPartitioner(
  kind: PartitionerKind,
  parallelism: number,
  maxParallelism: number,
  options: PartitionerOptions = {},
): Partitioner {
  checkMaxParallelism(maxParallelism);
  checkParallelism(parallelism, maxParallelism);
  if (kind === 'key-groups') return new KeyGroupPartitioner(parallelism, maxParallelism);
  if (kind === 'consistent-hash') return new ConsistentHashRing(parallelism, { virtualNodes: options.virtualNodes });
  throw new RivuletError('BAD_ARGUMENT', {
    where: 'createPartitioner',
    name: 'kind',
    expected: PARTITIONER_KINDS.map((k) => JSON.stringify(k)).join(' or '),
    got: kind,
  });
}
