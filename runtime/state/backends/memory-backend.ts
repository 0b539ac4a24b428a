// The memory state backend (the default): every table is a Map in the heap, values are the objects the
// operators mutate. Fast; bounded by the heap.
import type { KeyedStateBackend, StateBackendFactory, ValueStateTable } from '../keyed-state-backend.ts';

export class MemoryValueState<V> implements ValueStateTable<V> {
  private readonly values = new Map<unknown, V>();

  constructor(readonly name: string) {}

  get(canonical: unknown): V | undefined {
    return this.values.get(canonical);
  }
  set(canonical: unknown, value: V): void {
    this.values.set(canonical, value);
  }
  delete(canonical: unknown): void {
    this.values.delete(canonical);
  }
  get size(): number {
    return this.values.size;
  }
  entries(): IterableIterator<[unknown, V]> {
    return this.values.entries();
  }
}

export class MemoryStateBackend implements KeyedStateBackend {
  private readonly tables = new Map<string, MemoryValueState<unknown>>();
  private readonly originals = new Map<unknown, unknown>();

  constructor(readonly partition: number) {}

  valueState<V>(name: string): ValueStateTable<V> {
    let t = this.tables.get(name);
    if (t === undefined) {
      t = new MemoryValueState<unknown>(name);
      this.tables.set(name, t);
    }
    return t as ValueStateTable<V>;
  }

  rememberKey(canonical: unknown, key: unknown): void {
    if (canonical !== key && !this.originals.has(canonical)) this.originals.set(canonical, key);
  }

  originalKey(canonical: unknown): unknown {
    return this.originals.has(canonical) ? this.originals.get(canonical) : canonical;
  }

  get tableNames(): string[] {
    return [...this.tables.keys()];
  }

  flush(): void {}

  close(): void {
    this.tables.clear();
    this.originals.clear();
  }
}

export const memoryBackend: StateBackendFactory = (_operatorId, partition) => new MemoryStateBackend(partition);
