// The disk state backend: keyed state in an LMDB environment on disk, one per factory (per job), so that
// state may outgrow the heap. Each table keeps at most `cacheSize` live values in an LRU write-back cache;
// the rest lives in LMDB, values encoded with msgpack (structured clone: Map, Set, Date, bigint, undefined,
// typed arrays, shared references). See disk/ for the key layout, the store and the cache.
//
//   const state = diskBackend('work/state', { cacheSize: 10_000, temporary: true });
//   ... run a job with stateBackend: state ...
//   state.close();
import type { StateBackendFactory } from '../keyed-state-backend.ts';
import { DiskStore } from './disk/disk-store.ts';
import { DiskStateBackend } from './disk/disk-state-backend.ts';

export { DiskStateBackend } from './disk/disk-state-backend.ts';

export interface DiskBackendOptions {
  /** Live values kept per table (default 10,000); the rest is read from disk on use. */
  readonly cacheSize?: number;
  /** Delete the state files on close() (and the directory, when the factory created it). */
  readonly temporary?: boolean;
  /**
   * Start every operator partition empty, deleting what an earlier backend left in the directory for it
   * (as the memory backend starts empty each time a job runs). Default false: state left there is kept.
   */
  readonly fresh?: boolean;
}

export type DiskBackendFactory = StateBackendFactory & {
  readonly dir: string;
  /** Flushes and closes every backend this factory opened, then the LMDB environment. */
  close(): void;
};

export const DEFAULT_CACHE_SIZE = 10_000;

export function diskBackend(dir: string, options: DiskBackendOptions = {}): DiskBackendFactory {
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  if (typeof dir !== 'string' || dir === '') throw new TypeError('diskBackend needs a directory');
  if (!Number.isInteger(cacheSize) || cacheSize < 1) {
    throw new RangeError(`diskBackend: cacheSize must be a positive integer, got ${String(cacheSize)}`);
  }
  const store = new DiskStore(dir, options.temporary === undefined ? {} : { temporary: options.temporary });
  const open = new Map<string, DiskStateBackend>();
  const factory = (operatorId: string, partition: number): DiskStateBackend => {
    const id = `${operatorId}\u0000${partition}`;
    // A partition opened again (a job run again) takes over: the earlier backend is flushed and closed.
    open.get(id)?.close();
    if (options.fresh === true) store.dropPartition(operatorId, partition);
    const backend = new DiskStateBackend(store, operatorId, partition, cacheSize, (b) => {
      if (open.get(id) === b) open.delete(id);
    });
    open.set(id, backend);
    return backend;
  };
  return Object.assign(factory, {
    dir,
    close(): void {
      let failure: unknown = null;
      for (const b of [...open.values()]) {
        try {
          b.close();
        } catch (e) {
          failure ??= e;
        }
      }
      store.close();
      if (failure !== null) throw failure;
    },
  });
}
