// A consistent-hash ring with virtual nodes, for teaching: the classic alternative to Flink's key groups.
// Each partition owns `virtualNodes` points on a 32-bit ring; a key goes to the first point clockwise from
// its hash. Adding a partition only takes keys from its neighbours, so about 1/(p+1) of the keys move, all
// to the new partition.
import { keyHashCode, stringHashCode } from './key-hash.ts';
import { fmix32 } from './murmur.ts';
import { checkInteger } from './arguments.ts';
import type { Partitioner } from './partitioner.ts';

export const DEFAULT_VIRTUAL_NODES = 64;

export interface ConsistentHashOptions {
  /** Points on the ring per partition (default 64); more points, more even load. */
  virtualNodes?: number | undefined;
}

/** A key's (or node's) position on the ring: the Java hash code, well mixed, as an unsigned 32-bit integer. */
export function ringPosition(hashCode: number): number {
  return fmix32(hashCode) >>> 0;
}

/** The ring position of virtual node `v` of partition `partition`. */
export function nodePosition(partition: number, v: number): number {
  return ringPosition(stringHashCode(`partition-${partition}#${v}`));
}

export class ConsistentHashRing implements Partitioner {
  readonly kind = 'consistent-hash' as const;
  readonly parallelism: number;
  readonly virtualNodes: number;
  /** Node positions in ascending order, and the partition owning each. */
  private readonly positions: Uint32Array;
  private readonly owners: Int32Array;

  constructor(parallelism: number, options: ConsistentHashOptions = {}) {
    this.parallelism = checkInteger('ConsistentHashRing', 'parallelism', parallelism, 1, Infinity);
    const virtualNodes = options.virtualNodes ?? DEFAULT_VIRTUAL_NODES;
    this.virtualNodes = checkInteger('ConsistentHashRing', 'virtualNodes', virtualNodes, 1, Infinity);
    const nodes = buildNodes(parallelism, virtualNodes);
    this.positions = Uint32Array.from(nodes, (n) => n.position);
    this.owners = Int32Array.from(nodes, (n) => n.partition);
  }

  partitionOf(key: unknown): number {
    return this.owners[this.firstNodeAtOrAfter(ringPosition(keyHashCode(key)))]!;
  }

  /** Index of the first node with position >= `position`, wrapping around to 0 past the last one. */
  private firstNodeAtOrAfter(position: number): number {
    const positions = this.positions;
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[mid]! < position) lo = mid + 1;
      else hi = mid;
    }
    return lo === positions.length ? 0 : lo;
  }
}

interface RingNode {
  position: number;
  partition: number;
}

/** All virtual nodes sorted by position; ties (rare) broken by partition, so the order is deterministic. */
function buildNodes(parallelism: number, virtualNodes: number): RingNode[] {
  const nodes: RingNode[] = [];
  for (let partition = 0; partition < parallelism; partition++) {
    for (let v = 0; v < virtualNodes; v++) nodes.push({ position: nodePosition(partition, v), partition });
  }
  return nodes.sort((a, b) => a.position - b.position || a.partition - b.partition);
}
