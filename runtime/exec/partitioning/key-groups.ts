// Flink's key groups (KeyGroupRangeAssignment): a key belongs to key group murmurHash(hashCode) % maxParallelism,
// and each partition owns one contiguous range of key groups. State is kept per key group, so rescaling
// reassigns whole ranges instead of rehashing individual keys.
import { keyHashCode } from './key-hash.ts';
import { murmurHash } from './murmur.ts';
import { checkInteger, checkMaxParallelism, checkParallelism } from './arguments.ts';
import type { Partitioner } from './partitioner.ts';

/** An inclusive range of key groups [start, end]; empty when end < start. */
export interface KeyGroupRange {
  readonly start: number;
  readonly end: number;
}

/** The key group of `key`: murmurHash(keyHashCode(key)) % maxParallelism. Unchecked (hot path). */
export function keyGroupOf(key: unknown, maxParallelism: number): number {
  return murmurHash(keyHashCode(key)) % maxParallelism;
}

/** The partition (operator index) owning `keyGroup`: floor(keyGroup * parallelism / maxParallelism). */
export function partitionOfKeyGroup(keyGroup: number, parallelism: number, maxParallelism: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/** Flink's computeKeyGroupRangeForOperatorIndex: the key groups partition `partition` owns. */
export function keyGroupRange(partition: number, parallelism: number, maxParallelism: number): KeyGroupRange {
  checkMaxParallelism(maxParallelism);
  checkParallelism(parallelism, maxParallelism);
  checkInteger('keyGroupRange', 'partition', partition, 0, parallelism - 1);
  const start = Math.floor((partition * maxParallelism + parallelism - 1) / parallelism);
  const end = Math.floor(((partition + 1) * maxParallelism - 1) / parallelism);
  return { start, end };
}

/** Routes keys to partitions through key groups, with the key group → partition table precomputed. */
export class KeyGroupPartitioner implements Partitioner {
  readonly kind = 'key-groups' as const;
  readonly parallelism: number;
  readonly maxParallelism: number;
  private readonly owner: Int32Array;

  constructor(parallelism: number, maxParallelism: number) {
    this.maxParallelism = checkMaxParallelism(maxParallelism);
    this.parallelism = checkParallelism(parallelism, maxParallelism);
    this.owner = new Int32Array(maxParallelism);
    for (let kg = 0; kg < maxParallelism; kg++) this.owner[kg] = partitionOfKeyGroup(kg, parallelism, maxParallelism);
  }

  keyGroupOf(key: unknown): number {
    return murmurHash(keyHashCode(key)) % this.maxParallelism;
  }

  partitionOf(key: unknown): number {
    return this.owner[murmurHash(keyHashCode(key)) % this.maxParallelism]!;
  }
}

/** A key-group partitioner for `parallelism` partitions out of `maxParallelism` key groups. */
export function keyGroupPartitioner(parallelism: number, maxParallelism: number): KeyGroupPartitioner {
  return new KeyGroupPartitioner(parallelism, maxParallelism);
}
