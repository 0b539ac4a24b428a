// The keyed state of one partition: named ValueState and MapState tables, and the original key behind each
// canonical key. Operators reach their state only through here, so that snapshots can write it per key group
// and restore it at another parallelism without the operators changing.
import { ValueState } from './value-state.ts';
import { MapState } from './map-state.ts';

export class KeyedStateBackend {
  private readonly tables = new Map<string, ValueState<unknown> | MapState<unknown, unknown>>();
  /** Original keys of canonical keys that are not the key itself (composite keys). */
  private readonly originals = new Map<unknown, unknown>();

  constructor(readonly partition: number) {}

  valueState<V>(name: string): ValueState<V> {
    return this.table(name, () => new ValueState<V>(name)) as ValueState<V>;
  }

  mapState<UK, UV>(name: string): MapState<UK, UV> {
    return this.table(name, () => new MapState<UK, UV>(name)) as MapState<UK, UV>;
  }

  /** Remembers the original of a composite key (canonical strings lose the value's type). */
  rememberKey(canonical: unknown, key: unknown): void {
    if (canonical !== key && !this.originals.has(canonical)) this.originals.set(canonical, key);
  }

  originalKey(canonical: unknown): unknown {
    return this.originals.has(canonical) ? this.originals.get(canonical) : canonical;
  }

  /** The names of every table, for snapshots and inspection. */
  get tableNames(): string[] {
    return [...this.tables.keys()];
  }

  private table<T extends ValueState<unknown> | MapState<unknown, unknown>>(name: string, create: () => T): T {
    let t = this.tables.get(name);
    if (t === undefined) {
      t = create();
      this.tables.set(name, t);
    }
    return t as T;
  }
}
