import { describe, expect, it } from 'vitest';
import { partitioningReport, minimalMovedFraction } from '../../../../runtime/exec/partitioning/report.ts';
import { createPartitioner } from '../../../../runtime/exec/partitioning/partitioner.ts';
import { partitioning } from '../../../../runtime/exec/partitioning/index.ts';
import { RivuletError } from '../../../../runtime/errors/rivulet-error.ts';

const KEYS = Array.from({ length: 5000 }, (_, i) => `user-${i}`);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('partitioningReport', () => {
  it('reports loads that sum to the key count, before and after', () => {
    const report = partitioningReport(KEYS, 4, 5);
    expect(report.keys).toBe(5000);
    expect(report.schemes.map((s) => s.scheme)).toEqual(['key-groups', 'consistent-hash']);
    for (const s of report.schemes) {
      expect(s.loadBefore).toHaveLength(4);
      expect(s.loadAfter).toHaveLength(5);
      expect(sum(s.loadBefore)).toBe(5000);
      expect(sum(s.loadAfter)).toBe(5000);
      expect(s.imbalanceBefore).toBeGreaterThanOrEqual(1);
      expect(s.imbalanceAfter).toBeGreaterThanOrEqual(1);
    }
  });

  it('counts moved keys as a from-scratch computation does', () => {
    const report = partitioningReport(KEYS, 3, 7, { maxParallelism: 64, virtualNodes: 16 });
    for (const s of report.schemes) {
      const before = createPartitioner(s.scheme, 3, 64, { virtualNodes: 16 });
      const after = createPartitioner(s.scheme, 7, 64, { virtualNodes: 16 });
      const moved = KEYS.filter((k) => before.partitionOf(k) !== after.partitionOf(k)).length;
      expect(s.moved).toBe(moved);
      expect(s.movedFraction).toBeCloseTo(moved / KEYS.length, 12);
      expect(s.minimalFraction).toBeCloseTo(4 / 7, 12);
      expect(s.movedFraction).toBeGreaterThanOrEqual(s.minimalFraction - 0.05);
    }
  });

  it('counts duplicate keys once', () => {
    const report = partitioningReport(['a', 'b', 'a', { x: 1 }, { x: 1 }], 2, 3);
    expect(report.keys).toBe(3);
    for (const s of report.schemes) expect(sum(s.loadBefore)).toBe(3);
  });

  it('renders a table naming both schemes and explaining key groups', () => {
    const text = partitioningReport(KEYS, 4, 5).toString();
    expect(text).toContain('key-groups');
    expect(text).toContain('consistent-hash');
    expect(text).toContain('Flink moves whole key groups');
    expect(String(partitioningReport(KEYS, 4, 5))).toBe(text);
  });

  it('computes the minimal moved fraction as |p2 - p| / max(p, p2)', () => {
    expect(minimalMovedFraction(4, 5)).toBeCloseTo(0.2, 12);
    expect(minimalMovedFraction(5, 4)).toBeCloseTo(0.2, 12);
    expect(minimalMovedFraction(4, 4)).toBe(0);
    expect(minimalMovedFraction(1, 4)).toBeCloseTo(0.75, 12);
  });

  it('handles an empty key set', () => {
    const report = partitioningReport([], 2, 3);
    expect(report.keys).toBe(0);
    for (const s of report.schemes) {
      expect(s.moved).toBe(0);
      expect(s.movedFraction).toBe(0);
      expect(s.imbalanceBefore).toBe(1);
    }
  });

  it('rejects bad arguments with BAD_ARGUMENT', () => {
    const bad: (() => unknown)[] = [
      () => partitioningReport(42 as unknown as Iterable<unknown>, 2, 3),
      () => partitioningReport(KEYS, 0, 3),
      () => partitioningReport(KEYS, 2, 1.5),
      () => partitioningReport(KEYS, 2, 200),
      () => partitioningReport(KEYS, 2, 3, { maxParallelism: 0 }),
      () => partitioningReport(KEYS, 2, 3, { virtualNodes: -1 }),
    ];
    for (const call of bad) {
      expect(call).toThrow(RivuletError);
      expect(call).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    }
  });

  it('is reachable as partitioning.report from the index', () => {
    expect(partitioning.report).toBe(partitioningReport);
    expect(partitioning.keyGroupOf('hello', 128)).toBe(35);
  });
});
