// What a snapshot holds, in memory: per operator instance its own state, its keyed state by key group and its
// timers; per source its offset; and the facts a restore checks (format version, fingerprint, parallelism).

export const SNAPSHOT_FORMAT = 'rivulet-snapshot';
export const SNAPSHOT_VERSION = 1;
export const MANIFEST = 'MANIFEST.json';

/** One keyed entry: the table it lives in, its canonical key, its original key, its value. */
export type KeyedEntry = [table: string, canonical: unknown, key: unknown, value: unknown];
/** One timer: 'e' event time or 'p' processing time, its time, its key, its rank in firing order. */
export type TimerEntry = [kind: 'e' | 'p', time: number, key: unknown, canonical: unknown, rank: number];

export interface InstanceSnapshot {
  readonly operatorState: unknown;
  /** Keyed state, grouped by key group: [keyGroup, entries]. */
  readonly keyGroups: [number, KeyedEntry[]][];
  readonly timers: [number, TimerEntry[]][];
}

export interface OperatorInfo {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly parallelism: number;
  /** Whether it holds state (its instances have files). */
  readonly stateful: boolean;
}

export interface FileInfo {
  readonly sha256: string;
  readonly bytes: number;
}

export interface Manifest {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: number;
  readonly checkpointId: number;
  readonly createdAt: string;
  readonly job: string;
  readonly fingerprint: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly partitioner: string;
  readonly sources: Record<string, number>;
  readonly operators: OperatorInfo[];
  /** File name → checksum and size. Instance files are named `<operator id>.<partition>.bin`. */
  readonly files: Record<string, FileInfo>;
}

export interface Snapshot {
  readonly dir: string;
  readonly manifest: Manifest;
  /** Operator id → its instances' snapshots in partition order. */
  readonly instances: Map<string, InstanceSnapshot[]>;
}

export function instanceFile(operatorId: string, partition: number): string {
  return `${operatorId}.${partition}.bin`;
}
