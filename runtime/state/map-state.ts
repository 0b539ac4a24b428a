// MapState: a map of user keys to values per key (Flink's MapState), kept by a partition's state backend.
// Windows keep their panes here: key → (window start → pane).

export class MapState<UK, UV> {
  private readonly maps = new Map<unknown, Map<UK, UV>>();

  constructor(readonly name: string) {}

  get(canonical: unknown, userKey: UK): UV | undefined {
    return this.maps.get(canonical)?.get(userKey);
  }
  /** The whole map of one key, or undefined when the key has none. Do not keep it across records. */
  mapOf(canonical: unknown): Map<UK, UV> | undefined {
    return this.maps.get(canonical);
  }
  set(canonical: unknown, userKey: UK, value: UV): void {
    let m = this.maps.get(canonical);
    if (m === undefined) {
      m = new Map();
      this.maps.set(canonical, m);
    }
    m.set(userKey, value);
  }
  delete(canonical: unknown, userKey: UK): void {
    const m = this.maps.get(canonical);
    if (m === undefined) return;
    m.delete(userKey);
    if (m.size === 0) this.maps.delete(canonical);
  }
  /** Number of keys with at least one entry. */
  get size(): number {
    return this.maps.size;
  }
  entries(): IterableIterator<[unknown, Map<UK, UV>]> {
    return this.maps.entries();
  }
}
