// One table of the disk backend: an LRU write-back cache of at most `cacheSize` keys in front of the table's
// range of the LMDB database. The cache holds the live objects that get() returns; since the caller may
// mutate them in place, a value handed out by get() counts as changed and is written back when it leaves
// the cache and on flush(). A key touched stays live (and its mutations persisted) until at least
// cacheSize - evictionBatch other keys of the table were touched. Absent keys are cached too, so that the
// usual get-then-set of a new key reads the database once.
import type { ValueStateTable } from '../../keyed-state-backend.ts';
import { DiskKey, LONG_KEY, isLongKey } from './disk-key.ts';
import { range, type DiskStore } from './disk-store.ts';

const ABSENT: unique symbol = Symbol('rivulet.disk.absent');

export interface Slot {
  /** The live value, or ABSENT when the key has no value. */
  v: unknown;
  /** Differs from what the database holds (or may: handed out by get()). */
  dirty: boolean;
  /** The database holds an entry for this key. */
  inDb: boolean;
}

const NO_KEY: unique symbol = Symbol('rivulet.disk.noKey');

export class DiskValueState<V> implements ValueStateTable<V> {
  private readonly cache = new Map<unknown, Slot>();
  /** Reused for every single-key database call (lmdb-js encodes a key before the call returns). */
  private readonly key: DiskKey;
  private readonly batch: number;
  private count: number;
  /** The most recently used key: touching it again needs no reordering. */
  private mru: unknown = NO_KEY;

  constructor(
    readonly name: string,
    readonly id: number,
    private readonly store: DiskStore,
    private readonly cacheSize: number,
    existing: boolean,
  ) {
    this.key = new DiskKey(id, undefined);
    this.batch = Math.max(1, Math.min(1024, cacheSize >> 4));
    this.count = existing ? store.db.getKeysCount(range(id)) : 0;
  }

  get(canonical: unknown): V | undefined {
    let s = this.cache.get(canonical);
    if (s === undefined) s = this.load(canonical);
    else this.touch(canonical, s);
    if (s.v === ABSENT) return undefined;
    s.dirty = true;
    return s.v as V;
  }

  set(canonical: unknown, value: V): void {
    const s = this.cache.get(canonical);
    if (s === undefined) {
      const inDb = this.read(canonical) !== undefined;
      this.insert(canonical, { v: value, dirty: true, inDb });
      if (!inDb) this.count++;
      return;
    }
    if (s.v === ABSENT) this.count++;
    s.v = value;
    s.dirty = true;
    this.touch(canonical, s);
  }

  delete(canonical: unknown): void {
    const s = this.cache.get(canonical);
    if (s === undefined) {
      const inDb = this.read(canonical) !== undefined;
      this.insert(canonical, { v: ABSENT, dirty: inDb, inDb });
      if (inDb) this.count--;
      return;
    }
    if (s.v !== ABSENT) this.count--;
    s.v = ABSENT;
    s.dirty = s.inDb;
    this.touch(canonical, s);
  }

  get size(): number {
    return this.count;
  }

  /** Flushes the table, then reads its entries in key order; cached keys give their live objects. */
  *entries(): IterableIterator<[unknown, V]> {
    this.flush();
    for (const { key, value } of this.store.db.getRange(range(this.id))) {
      const long = key.k === LONG_KEY;
      const canonical = long ? (value as [unknown, unknown])[0] : key.k;
      const s = this.cache.get(canonical);
      yield [canonical, (s !== undefined && s.v !== ABSENT ? s.v : long ? (value as [unknown, unknown])[1] : value) as V];
    }
  }

  /** The value without marking it changed or caching it (for values never mutated, as original keys). */
  peek(canonical: unknown): V | undefined {
    const s = this.cache.get(canonical);
    if (s !== undefined) return s.v === ABSENT ? undefined : (s.v as V);
    const bytes = this.read(canonical);
    return bytes === undefined ? undefined : (this.decode(canonical, bytes) as V);
  }

  /** Sets a key that has no value; does nothing when it has one. */
  setIfAbsent(canonical: unknown, value: V): void {
    const s = this.cache.get(canonical);
    if (s !== undefined) {
      if (s.v === ABSENT) this.set(canonical, value);
      return;
    }
    if (this.read(canonical) !== undefined) return;
    this.insert(canonical, { v: value, dirty: true, inDb: false });
    this.count++;
  }

  /** Writes every changed entry (and keeps them cached, unchanged until handed out again). */
  flush(): void {
    const dirty = this.dirty();
    if (dirty.length === 0) return;
    this.store.transaction(() => this.write(dirty));
    this.written(dirty);
  }

  /** The changed entries, for write() inside a transaction and written() once it committed. */
  dirty(): [unknown, Slot][] {
    const out: [unknown, Slot][] = [];
    for (const e of this.cache) if (e[1].dirty) out.push(e);
    return out;
  }

  write(entries: [unknown, Slot][]): void {
    for (const [canonical, s] of entries) this.writeBack(canonical, s);
  }

  written(entries: [unknown, Slot][]): void {
    for (const e of entries) {
      const s = e[1];
      s.dirty = false;
      s.inDb = s.v !== ABSENT;
    }
  }

  /** Drops the cache without writing it (after close). */
  release(): void {
    this.cache.clear();
  }

  private touch(canonical: unknown, s: Slot): void {
    if (canonical === this.mru) return;
    this.cache.delete(canonical);
    this.cache.set(canonical, s);
    this.mru = canonical;
  }

  private load(canonical: unknown): Slot {
    const bytes = this.read(canonical);
    const s: Slot =
      bytes === undefined
        ? { v: ABSENT, dirty: false, inDb: false }
        : { v: this.decode(canonical, bytes), dirty: false, inDb: true };
    this.insert(canonical, s);
    return s;
  }

  private insert(canonical: unknown, s: Slot): void {
    if (this.cache.size >= this.cacheSize) this.evict();
    this.cache.set(canonical, s);
    this.mru = canonical;
  }

  /** Evicts the least recently used keys, writing the changed ones back in one transaction. */
  private evict(): void {
    const victims: [unknown, Slot][] = [];
    let dirty = false;
    for (const e of this.cache) {
      victims.push(e);
      if (e[1].dirty) dirty = true;
      if (victims.length >= this.batch) break;
    }
    if (dirty) this.store.transaction(() => this.write(victims.filter((e) => e[1].dirty)));
    for (const [canonical] of victims) this.cache.delete(canonical);
    this.mru = NO_KEY;
  }

  private writeBack(canonical: unknown, s: Slot): void {
    const key = this.key;
    key.k = canonical;
    try {
      if (s.v !== ABSENT) this.store.db.putSync(key, isLongKey(canonical) ? [canonical, s.v] : s.v);
      else if (s.inDb) this.store.db.removeSync(key);
    } catch (e) {
      const what = `key ${String(canonical).slice(0, 80)} of table '${this.name}'`;
      throw new Error(`the disk state backend could not store ${what}: ${(e as Error).message}`, { cause: e });
    } finally {
      key.k = undefined;
    }
  }

  /** The stored bytes of a key (valid until the next database call), or undefined. */
  private read(canonical: unknown): Uint8Array | undefined {
    const key = this.key;
    key.k = canonical;
    try {
      return this.store.db.getBinaryFast(key);
    } finally {
      key.k = undefined;
    }
  }

  private decode(canonical: unknown, bytes: Uint8Array): unknown {
    const v = this.store.db.decoder.decode(bytes);
    return isLongKey(canonical) ? (v as [unknown, unknown])[1] : v;
  }
}
