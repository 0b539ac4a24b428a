// ListState (Flink's ListState): a list per key, stored as an array in the descriptor's table (never empty:
// an empty list is no entry), or as an array of { v, t } cells when the descriptor has a ttl (each element
// expires on its own, as in Flink's TtlListState).
import type { ValueStateTable } from '../../state/keyed-state-backend.ts';
import { isExpired, type NormalizedTtl } from './state-descriptor.ts';
import type { KeyScope } from './key-scope.ts';

export interface ListState<V> {
  /** The current key's elements, in the order added (a copy: change the list with add/update/clear). */
  get(): V[];
  add(value: V): void;
  addAll(values: Iterable<V>): void;
  /** Replaces the list (an empty iterable clears it). */
  update(values: Iterable<V>): void;
  clear(): void;
}

interface Cell<V> {
  v: V;
  t: number;
}

export class ListStateHandle<V> implements ListState<V> {
  constructor(
    private readonly table: ValueStateTable<unknown[]>,
    private readonly ttl: NormalizedTtl | null,
    private readonly scope: KeyScope,
    private readonly where: string,
  ) {}

  get(): V[] {
    const c = this.scope.require(this.where);
    const stored = this.table.get(c);
    if (stored === undefined) return [];
    const ttl = this.ttl;
    if (ttl === null) return stored.slice() as V[];
    const now = this.scope.now;
    const cells = stored as Cell<V>[];
    const out: V[] = [];
    const kept: Cell<V>[] = [];
    for (const cell of cells) {
      if (isExpired(cell.t, ttl, now)) {
        if (ttl.returnExpired) out.push(cell.v);
        continue;
      }
      if (ttl.refreshOnRead) cell.t = now;
      kept.push(cell);
      out.push(cell.v);
    }
    if (kept.length !== cells.length) {
      if (kept.length === 0) this.table.delete(c);
      else this.table.set(c, kept);
    }
    return out;
  }

  add(value: V): void {
    const c = this.scope.requireWrite(this.where);
    const item = this.wrap(value);
    const stored = this.table.get(c);
    if (stored === undefined) this.table.set(c, [item]);
    else stored.push(item);
  }

  addAll(values: Iterable<V>): void {
    const c = this.scope.requireWrite(this.where);
    const items = [...values].map((v) => this.wrap(v));
    if (items.length === 0) return;
    const stored = this.table.get(c);
    if (stored === undefined) this.table.set(c, items);
    else for (const item of items) stored.push(item);
  }

  update(values: Iterable<V>): void {
    const c = this.scope.requireWrite(this.where);
    const items = [...values].map((v) => this.wrap(v));
    if (items.length === 0) this.table.delete(c);
    else this.table.set(c, items);
  }

  clear(): void {
    this.table.delete(this.scope.require(this.where));
  }

  private wrap(value: V): unknown {
    return this.ttl === null ? value : ({ v: value, t: this.scope.now } satisfies Cell<V>);
  }
}

/** Drops expired elements of every list of a ttl table; returns the changed lists (undefined: gone). */
export function expiredListElements(table: ValueStateTable<unknown>, ttl: NormalizedTtl, now: number): [unknown, unknown][] {
  const changes: [unknown, unknown][] = [];
  for (const [c, stored] of table.entries()) {
    const cells = stored as Cell<unknown>[];
    let expired = 0;
    for (const cell of cells) if (isExpired(cell.t, ttl, now)) expired++;
    if (expired === 0) continue;
    const kept = cells.filter((cell) => !isExpired(cell.t, ttl, now));
    changes.push([c, kept.length === 0 ? undefined : kept]);
  }
  return changes;
}
