// The disk backend of one operator partition: its value tables and its original keys, each a DiskValueState
// (an LRU write-back cache over a range of the job's LMDB database). flush() writes every change of every
// table in one transaction.
import type { KeyedStateBackend, ValueStateTable } from '../../keyed-state-backend.ts';
import { DiskValueState, type Slot } from './disk-value-state.ts';
import type { DiskStore } from './disk-store.ts';

export class DiskStateBackend implements KeyedStateBackend {
  private readonly tables = new Map<string, DiskValueState<unknown>>();
  /** Tables the catalog knows (made by this backend or an earlier one on the same directory). */
  private readonly known: Map<string, number>;
  /** canonical → [original key] (wrapped, so that an original key `undefined` reads back as remembered). */
  private readonly originals: DiskValueState<[unknown]>;
  private closed = false;

  constructor(
    private readonly store: DiskStore,
    readonly operatorId: string,
    readonly partition: number,
    private readonly cacheSize: number,
    private readonly onClose: (b: DiskStateBackend) => void = () => {},
  ) {
    const cat = store.partition(operatorId, partition);
    this.known = new Map(cat.tables);
    // (Its size is never asked: no need to count what an earlier backend left.)
    this.originals = new DiskValueState('(original keys)', cat.originals, store, cacheSize, false);
  }

  valueState<V>(name: string): ValueStateTable<V> {
    this.check();
    let t = this.tables.get(name);
    if (t === undefined) {
      const existing = this.known.get(name);
      const id = existing ?? this.store.addTable(this.operatorId, this.partition, name);
      if (existing === undefined) this.known.set(name, id);
      t = new DiskValueState<unknown>(name, id, this.store, this.cacheSize, existing !== undefined);
      this.tables.set(name, t);
    }
    return t as ValueStateTable<V>;
  }

  rememberKey(canonical: unknown, key: unknown): void {
    this.check();
    if (canonical !== key) this.originals.setIfAbsent(canonical, [key]);
  }

  originalKey(canonical: unknown): unknown {
    this.check();
    const o = this.originals.peek(canonical);
    return o === undefined ? canonical : o[0];
  }

  get tableNames(): string[] {
    return [...this.known.keys()];
  }

  flush(): void {
    this.check();
    const all: [DiskValueState<unknown>, [unknown, Slot][]][] = [];
    for (const t of [this.originals, ...this.tables.values()] as DiskValueState<unknown>[]) {
      const dirty = t.dirty();
      if (dirty.length > 0) all.push([t, dirty]);
    }
    if (all.length === 0) return;
    this.store.transaction(() => {
      for (const [t, dirty] of all) t.write(dirty);
    });
    for (const [t, dirty] of all) t.written(dirty);
  }

  /** Flushes, then releases the caches; the backend is unusable afterwards. */
  close(): void {
    if (this.closed) return;
    try {
      if (!this.store.isClosed) this.flush();
    } finally {
      this.closed = true;
      for (const t of this.tables.values()) t.release();
      this.originals.release();
      this.tables.clear();
      this.onClose(this);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private check(): void {
    if (this.closed) throw new Error(`the disk state of operator ${this.operatorId}, partition ${this.partition} is closed`);
  }
}
