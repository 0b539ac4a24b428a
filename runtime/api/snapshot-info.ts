// What env.snapshot() and env.restore() tell the user about a snapshot: where it is, what it holds, and a
// one-line summary for notebooks and the REPL.
import type { Manifest } from '../snapshot/snapshot-model.ts';

export interface SnapshotInfo {
  readonly dir: string;
  readonly checkpointId: number;
  readonly createdAt: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** Source offsets by operator id: how far each source had been read. */
  readonly sources: Record<string, number>;
  readonly operators: number;
  readonly bytes: number;
  toString(): string;
}

export function snapshotInfo(dir: string, m: Manifest): SnapshotInfo {
  const bytes = Object.values(m.files).reduce((a, f) => a + f.bytes, 0);
  const offsets = Object.values(m.sources).reduce((a, b) => a + b, 0);
  return {
    dir,
    checkpointId: m.checkpointId,
    createdAt: m.createdAt,
    parallelism: m.parallelism,
    maxParallelism: m.maxParallelism,
    sources: m.sources,
    operators: m.operators.length,
    bytes,
    toString: () =>
      `snapshot ${m.checkpointId} in ${dir}: ${m.operators.length} operators, parallelism ${m.parallelism}, ` +
      `${offsets.toLocaleString('en-US')} source records read, ${bytes.toLocaleString('en-US')} bytes`,
  };
}
