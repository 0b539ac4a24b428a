// ValueState: one value per key, kept by a partition's state backend. Keys are canonical keys (numbers and
// strings as they are, other keys as their canonical string), so lookups are plain Map lookups.

export class ValueState<V> {
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
  clear(): void {
    this.values.clear();
  }
}
