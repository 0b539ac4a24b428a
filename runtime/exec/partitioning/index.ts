// The public face of partitioning: how keys are spread over partitions (Flink's key groups, or a
// consistent-hash ring for comparison), and a report on what rescaling does to a set of keys.
import { murmurHash } from './murmur.ts';
import { keyHashCode, canonicalKey } from './key-hash.ts';
import { keyGroupOf, partitionOfKeyGroup, keyGroupRange, keyGroupPartitioner } from './key-groups.ts';
import { ConsistentHashRing } from './consistent-hash.ts';
import { createPartitioner } from './partitioner.ts';
import { partitioningReport, minimalMovedFraction } from './report.ts';

export { murmurHash } from './murmur.ts';
export { keyHashCode, canonicalKey, stringHashCode, numberHashCode, longHashCode, doubleHashCode, bigintHashCode } from './key-hash.ts';
export { keyGroupOf, partitionOfKeyGroup, keyGroupRange, keyGroupPartitioner, KeyGroupPartitioner, type KeyGroupRange } from './key-groups.ts';
export { ConsistentHashRing, DEFAULT_VIRTUAL_NODES, type ConsistentHashOptions } from './consistent-hash.ts';
export { createPartitioner, PARTITIONER_KINDS, type Partitioner, type PartitionerKind, type PartitionerOptions } from './partitioner.ts';
export {
  partitioningReport,
  minimalMovedFraction,
  imbalance,
  type PartitioningReport,
  type PartitioningReportOptions,
  type SchemeReport,
} from './report.ts';

/** Everything above in one namespace: partitioning.report(keys, 4, 5), partitioning.keyGroupOf(key, 128), ... */
export const partitioning = {
  report: partitioningReport,
  keyGroupOf,
  partitionOfKeyGroup,
  keyGroupRange,
  keyGroupPartitioner,
  createPartitioner,
  ConsistentHashRing,
  keyHashCode,
  canonicalKey,
  murmurHash,
  minimalMovedFraction,
} as const;
