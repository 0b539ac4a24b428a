// Finds a view's entry by a row's primary key. Keys of two fields whose values are numbers or strings (the
// key and windowStart of window results) go into a map of maps, so that no key string is built per row;
// every other key goes into one map by its canonical form (primary-key.ts).
import { fieldValue, type PrimaryKey } from './primary-key.ts';

const simple = (v: unknown): v is number | string => typeof v === 'number' || typeof v === 'string';

export class KeyIndex<E> {
  private readonly flat = new Map<string | number, E>();
  private readonly nested: Map<unknown, Map<unknown, E>> | null;
  private readonly a: string;
  private readonly b: string;

  constructor(private readonly pk: PrimaryKey) {
    const f = pk.fields;
    this.nested = f !== null && f.length === 2 ? new Map() : null;
    this.a = f?.[0] ?? '';
    this.b = f?.[1] ?? '';
  }

  get(row: unknown): E | undefined {
    if (this.nested !== null) {
      const x = field(row, this.a);
      const y = field(row, this.b);
      if (simple(x) && simple(y)) return this.nested.get(x)?.get(y);
    }
    return this.flat.get(this.pk.of(row));
  }

  set(row: unknown, e: E): void {
    if (this.nested !== null) {
      const x = field(row, this.a);
      const y = field(row, this.b);
      if (simple(x) && simple(y)) {
        let inner = this.nested.get(x);
        if (inner === undefined) this.nested.set(x, (inner = new Map()));
        inner.set(y, e);
        return;
      }
    }
    this.flat.set(this.pk.of(row), e);
  }

  delete(row: unknown): void {
    if (this.nested !== null) {
      const x = field(row, this.a);
      const y = field(row, this.b);
      if (simple(x) && simple(y)) {
        const inner = this.nested.get(x);
        if (inner !== undefined && inner.delete(y) && inner.size === 0) this.nested.delete(x);
        return;
      }
    }
    this.flat.delete(this.pk.of(row));
  }
}

function field(row: unknown, name: string): unknown {
  return typeof row === 'object' && row !== null && !Array.isArray(row) ? (row as Record<string, unknown>)[name] : fieldValue(row, name);
}
