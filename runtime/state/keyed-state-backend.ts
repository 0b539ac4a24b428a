// The contract between keyed operators and the state backend of one partition. State is a set of named
// tables, each mapping a canonical key (numbers and strings as they are, composite keys as their canonical
// string) to one value. A value returned by get() may be mutated in place: the backend persists it (the
// memory backend holds the object itself; the disk backend treats every get() as a write and writes back on
// eviction and before a snapshot). Values must be structured-cloneable (plain objects, arrays, Map, Set,
// Date, bigint, typed arrays), as snapshots and the disk backend copy them.
//
// Snapshots read every entry with its original key (to find its key group) and restore entries one by one,
// so the operators never see how state is stored or redistributed.

export interface ValueStateTable<V> {
  readonly name: string;
  get(canonical: unknown): V | undefined;
  set(canonical: unknown, value: V): void;
  delete(canonical: unknown): void;
  /** Number of keys with a value. */
  readonly size: number;
  /** Every [canonical key, value]; do not change the table while iterating. */
  entries(): IterableIterator<[unknown, V]>;
}

export interface KeyedStateBackend {
  readonly partition: number;
  /** The table named `name`, created empty on first use. */
  valueState<V>(name: string): ValueStateTable<V>;
  /** Remembers the original of a composite key (its canonical string loses the value's type). */
  rememberKey(canonical: unknown, key: unknown): void;
  /** The original key behind a canonical key. */
  originalKey(canonical: unknown): unknown;
  /** Names of every table created so far. */
  readonly tableNames: string[];
  /** Makes every pending change durable and readable through entries() (before a snapshot). */
  flush(): void;
  /** Releases what the backend holds (files, handles); the backend is unusable afterwards. */
  close(): void;
}

/** Creates the backend of one partition of one operator. */
export type StateBackendFactory = (operatorId: string, partition: number) => KeyedStateBackend;
