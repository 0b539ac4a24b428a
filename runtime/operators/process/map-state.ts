// MapState (Flink's MapState): a map per key, stored as a Map in the descriptor's table (never empty: an empty
// map is no entry). User keys compare by value, as Flink compares serialized keys: each entry is stored under
// the user key's canonical form as [key, value], or [key, value, t] when the descriptor has a ttl (each entry
// expires on its own, as in Flink's TtlMapState).
import type { ValueStateTable } from '../../state/keyed-state-backend.ts';
import { canonicalKey } from '../../exec/partitioning/index.ts';
import { isExpired, type NormalizedTtl } from './state-descriptor.ts';
import type { KeyScope } from './key-scope.ts';

export interface MapState<K, V> {
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  putAll(entries: Iterable<readonly [K, V]>): void;
  remove(key: K): void;
  contains(key: K): boolean;
  /** The entries, in insertion order (a copy: change the map with put/remove/clear). */
  entries(): [K, V][];
  keys(): K[];
  values(): V[];
  isEmpty(): boolean;
  clear(): void;
}

/** [user key, value] or, with a ttl, [user key, value, last refresh]. */
type Entry = [unknown, unknown, number?];
type Stored = Map<unknown, Entry>;

export class MapStateHandle<K, V> implements MapState<K, V> {
  constructor(
    private readonly table: ValueStateTable<Stored>,
    private readonly ttl: NormalizedTtl | null,
    private readonly scope: KeyScope,
    private readonly where: string,
  ) {}

  get(key: K): V | undefined {
    const c = this.scope.require(this.where);
    const m = this.table.get(c);
    if (m === undefined) return undefined;
    const ck = canonicalKey(key);
    const e = m.get(ck);
    if (e === undefined) return undefined;
    return this.visible(c, m, ck, e, true) ? (e[1] as V) : undefined;
  }

  put(key: K, value: V): void {
    const c = this.scope.requireWrite(this.where);
    let m = this.table.get(c);
    if (m === undefined) {
      m = new Map();
      this.table.set(c, m);
    }
    m.set(canonicalKey(key), this.entry(key, value));
  }

  putAll(entries: Iterable<readonly [K, V]>): void {
    for (const [k, v] of entries) this.put(k, v);
  }

  remove(key: K): void {
    const c = this.scope.require(this.where);
    const m = this.table.get(c);
    if (m === undefined) return;
    m.delete(canonicalKey(key));
    if (m.size === 0) this.table.delete(c);
  }

  contains(key: K): boolean {
    const c = this.scope.require(this.where);
    const m = this.table.get(c);
    if (m === undefined) return false;
    const ck = canonicalKey(key);
    const e = m.get(ck);
    return e !== undefined && this.visible(c, m, ck, e, true);
  }

  entries(): [K, V][] {
    return this.scan(true).map((e) => [e[0] as K, e[1] as V]);
  }

  keys(): K[] {
    return this.scan(true).map((e) => e[0] as K);
  }

  values(): V[] {
    return this.scan(true).map((e) => e[1] as V);
  }

  isEmpty(): boolean {
    return this.scan(false).length === 0;
  }

  clear(): void {
    this.table.delete(this.scope.require(this.where));
  }

  private entry(key: K, value: V): Entry {
    return this.ttl === null ? [key, value] : [key, value, this.scope.now];
  }

  /** Whether entry `e` may be returned; drops it when expired, refreshes it on read when configured. */
  private visible(c: unknown, m: Stored, ck: unknown, e: Entry, read: boolean): boolean {
    const ttl = this.ttl;
    if (ttl === null) return true;
    const now = this.scope.now;
    if (isExpired(e[2] as number, ttl, now)) {
      m.delete(ck);
      if (m.size === 0) this.table.delete(c);
      return ttl.returnExpired;
    }
    if (read && ttl.refreshOnRead) e[2] = now;
    return true;
  }

  /** The visible entries of the current key, in insertion order. */
  private scan(read: boolean): Entry[] {
    const c = this.scope.require(this.where);
    const m = this.table.get(c);
    if (m === undefined) return [];
    const all = [...m];
    const out: Entry[] = [];
    for (const [ck, e] of all) if (this.visible(c, m, ck, e, read)) out.push(e);
    return out;
  }
}

/** Drops expired entries of every map of a ttl table; returns the changed maps (undefined: gone). */
export function expiredMapEntries(table: ValueStateTable<unknown>, ttl: NormalizedTtl, now: number): [unknown, unknown][] {
  const changes: [unknown, unknown][] = [];
  for (const [c, stored] of table.entries()) {
    const m = stored as Stored;
    let expired = false;
    for (const e of m.values()) {
      if (isExpired(e[2] as number, ttl, now)) {
        expired = true;
        break;
      }
    }
    if (!expired) continue;
    const kept: Stored = new Map();
    for (const [ck, e] of m) if (!isExpired(e[2] as number, ttl, now)) kept.set(ck, e);
    changes.push([c, kept.size === 0 ? undefined : kept]);
  }
  return changes;
}
