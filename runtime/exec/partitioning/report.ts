// A rescaling report: what happens to a set of keys when a job goes from p to p2 partitions, under Flink's
// key groups and under a consistent-hash ring. It shows load balance before and after, and how many keys
// change partition compared with the theoretical minimum.
import { RivuletError } from '../../errors/rivulet-error.ts';
import { canonicalKey } from './key-hash.ts';
import { createPartitioner, PARTITIONER_KINDS, type Partitioner, type PartitionerKind } from './partitioner.ts';
import { DEFAULT_VIRTUAL_NODES } from './consistent-hash.ts';
import { checkInteger, MAX_MAX_PARALLELISM } from './arguments.ts';

const DEFAULT_MAX_PARALLELISM = 128;
const WHERE = 'partitioning.report';

export interface PartitioningReportOptions {
  maxParallelism?: number | undefined;
  virtualNodes?: number | undefined;
}

export interface SchemeReport {
  scheme: PartitionerKind;
  /** Keys per partition at `from` partitions. */
  loadBefore: number[];
  /** Keys per partition at `to` partitions. */
  loadAfter: number[];
  /** Max load / mean load at `from` (1 is perfectly even; 1 also when there are no keys). */
  imbalanceBefore: number;
  imbalanceAfter: number;
  /** Keys whose partition changed. */
  moved: number;
  movedFraction: number;
  /** The fewest keys, as a fraction, that any balanced assignment must move: |to - from| / max(from, to). */
  minimalFraction: number;
}

export interface PartitioningReport {
  /** Distinct keys (duplicates, by canonicalKey, count once). */
  keys: number;
  from: number;
  to: number;
  maxParallelism: number;
  virtualNodes: number;
  schemes: SchemeReport[];
  toString(): string;
}

/** Compares key groups and a consistent-hash ring when rescaling `keys` from `p` to `p2` partitions. */
export function partitioningReport(
  keys: Iterable<unknown>,
  p: number,
  p2: number,
  options: PartitioningReportOptions = {},
): PartitioningReport {
  checkKeys(keys);
  const maxParallelism = checkInteger(WHERE, 'maxParallelism', options.maxParallelism ?? DEFAULT_MAX_PARALLELISM, 1, MAX_MAX_PARALLELISM);
  checkInteger(WHERE, 'p', p, 1, maxParallelism);
  checkInteger(WHERE, 'p2', p2, 1, maxParallelism);
  const virtualNodes = checkInteger(WHERE, 'virtualNodes', options.virtualNodes ?? DEFAULT_VIRTUAL_NODES, 1, Infinity);
  const distinct = distinctKeys(keys);
  const schemes = PARTITIONER_KINDS.map((kind) => {
    const before = createPartitioner(kind, p, maxParallelism, { virtualNodes });
    const after = createPartitioner(kind, p2, maxParallelism, { virtualNodes });
    return schemeReport(distinct, before, after);
  });
  const report: PartitioningReport = {
    keys: distinct.length,
    from: p,
    to: p2,
    maxParallelism,
    virtualNodes,
    schemes,
    toString: () => renderReport(report),
  };
  return report;
}

function checkKeys(keys: unknown): void {
  const iterable =
    keys !== null && typeof keys === 'object' && typeof (keys as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
  if (!iterable) {
    throw new RivuletError('BAD_ARGUMENT', { where: WHERE, name: 'keys', expected: 'an iterable of keys (e.g. an array)', got: keys });
  }
}

function distinctKeys(keys: Iterable<unknown>): unknown[] {
  const seen = new Set<string | number>();
  const distinct: unknown[] = [];
  for (const key of keys) {
    const canonical = canonicalKey(key);
    if (seen.has(canonical)) continue;
    seen.add(canonical);
    distinct.push(key);
  }
  return distinct;
}

function schemeReport(keys: readonly unknown[], before: Partitioner, after: Partitioner): SchemeReport {
  const loadBefore = new Array<number>(before.parallelism).fill(0);
  const loadAfter = new Array<number>(after.parallelism).fill(0);
  let moved = 0;
  for (const key of keys) {
    const from = before.partitionOf(key);
    const to = after.partitionOf(key);
    loadBefore[from]! += 1;
    loadAfter[to]! += 1;
    if (from !== to) moved++;
  }
  return {
    scheme: before.kind,
    loadBefore,
    loadAfter,
    imbalanceBefore: imbalance(loadBefore),
    imbalanceAfter: imbalance(loadAfter),
    moved,
    movedFraction: keys.length === 0 ? 0 : moved / keys.length,
    minimalFraction: minimalMovedFraction(before.parallelism, after.parallelism),
  };
}

/** Max load over mean load; 1 when there is nothing to balance. */
export function imbalance(loads: readonly number[]): number {
  const total = loads.reduce((a, b) => a + b, 0);
  if (total === 0) return 1;
  return Math.max(...loads) / (total / loads.length);
}

/**
 * The least fraction of keys that must change partition to go from an even spread over p partitions to an
 * even spread over p2. Partition i can keep at most min(1/p, 1/p2) of the keys, and only min(p, p2)
 * partitions exist on both sides, so at most min(p, p2) / max(p, p2) of the keys stay put:
 * at least 1 - min/max = |p2 - p| / max(p, p2) must move (growing 4 → 5: 1/5; shrinking 5 → 4: 1/5).
 */
export function minimalMovedFraction(p: number, p2: number): number {
  return Math.abs(p2 - p) / Math.max(p, p2);
}

const percent = (f: number): string => `${(f * 100).toFixed(1)}%`;

function renderReport(report: PartitioningReport): string {
  const header = ['scheme', 'moved', 'minimum', 'imbalance before', 'imbalance after', 'load before', 'load after'];
  const rows = report.schemes.map((s) => [
    s.scheme,
    `${s.moved} (${percent(s.movedFraction)})`,
    percent(s.minimalFraction),
    s.imbalanceBefore.toFixed(2),
    s.imbalanceAfter.toFixed(2),
    s.loadBefore.join(' '),
    s.loadAfter.join(' '),
  ]);
  const title =
    `Rescaling ${report.keys} keys from ${report.from} to ${report.to} partitions ` +
    `(maxParallelism ${report.maxParallelism}, ${report.virtualNodes} virtual nodes per partition on the ring)`;
  const why =
    'Flink moves whole key groups, not single keys: state is stored and snapshotted per key group, so rescaling ' +
    'hands each partition contiguous key-group ranges it can restore in bulk, at the price of moving more keys than the minimum.';
  return [title, '', ...renderTable([header, ...rows]), '', why].join('\n');
}

/** Left-aligned columns separated by two spaces, with a dashed line under the header. */
function renderTable(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)];
}
