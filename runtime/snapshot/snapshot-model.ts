// What a snapshot holds, in memory: per operator instance its own state, its keyed state by key group and its
// timers; per source its offset; and the facts a restore checks (format version, fingerprint, parallelism).

export const SNAPSHOT_FORMAT = 'rivulet-snapshot';
export const SNAPSHOT_VERSION = 1;
export const MANIFEST = 'MANIFEST.json';

/**
 * The keyed state of one key group, in columns (compact and fast to encode): entry i lives in table
 * `tables[table[i]]` under canonical key `canonical[i]` with value `value[i]`. Composite keys also keep their
 * original value: `originals` lists [i, key] for the entries whose key is not its canonical form.
 */
export interface KeyGroupState {
  readonly kg: number;
  readonly table: number[];
  readonly canonical: unknown[];
  readonly value: unknown[];
  readonly originals: [number, unknown][];
}

/**
 * One timer service's timers, in firing order: `runs` is [time, count, time, count, ...] (timers sharing a time
 * are stored once), `canonical[i]` the key of the i-th timer. Key groups are not stored: a restore computes them
 * from the keys, as it routes each timer to the partition that owns its key.
 */
export interface TimerList {
  readonly runs: number[];
  readonly canonical: unknown[];
  readonly originals: [number, unknown][];
}

export interface InstanceSnapshot {
  readonly operatorState: unknown;
  /** Names of the state tables, referred to by index. */
  readonly tables: string[];
  /** Keyed state by key group, in key-group order. */
  readonly keyGroups: KeyGroupState[];
  readonly eventTimers: TimerList;
  readonly processingTimers: TimerList;
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
