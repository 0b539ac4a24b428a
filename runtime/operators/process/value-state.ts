// ValueState (Flink's ValueState): one value per key, stored as it is in the descriptor's table, or as
// { v, t } (value and last-refresh processing time) when the descriptor has a ttl.
import type { ValueStateTable } from '../../state/keyed-state-backend.ts';
import { isExpired, type NormalizedTtl } from './state-descriptor.ts';
import type { KeyScope } from './key-scope.ts';

export interface ValueState<V> {
  /** The current key's value, or undefined (Flink's value()). */
  value(): V | undefined;
  /** Same as value(). */
  get(): V | undefined;
  /** Sets the current key's value; undefined or null clears it, as in Flink. */
  update(value: V): void;
  /** Same as update(). */
  set(value: V): void;
  clear(): void;
}

interface Cell<V> {
  v: V;
  t: number;
}

export class ValueStateHandle<V> implements ValueState<V> {
  constructor(
    private readonly table: ValueStateTable<unknown>,
    private readonly ttl: NormalizedTtl | null,
    private readonly scope: KeyScope,
    private readonly where: string,
  ) {}

  value(): V | undefined {
    const c = this.scope.require(this.where);
    const stored = this.table.get(c);
    if (stored === undefined) return undefined;
    const ttl = this.ttl;
    if (ttl === null) return stored as V;
    // Flink's AbstractTtlDecorator.getWrappedWithTtlCheckAndUpdate.
    const cell = stored as Cell<V>;
    const now = this.scope.now;
    if (isExpired(cell.t, ttl, now)) {
      this.table.delete(c);
      return ttl.returnExpired ? cell.v : undefined;
    }
    if (ttl.refreshOnRead) cell.t = now;
    return cell.v;
  }

  get(): V | undefined {
    return this.value();
  }

  update(value: V): void {
    const c = this.scope.requireWrite(this.where);
    if (value === undefined || value === null) {
      this.table.delete(c);
      return;
    }
    this.table.set(c, this.ttl === null ? value : ({ v: value, t: this.scope.now } satisfies Cell<V>));
  }

  set(value: V): void {
    this.update(value);
  }

  clear(): void {
    this.table.delete(this.scope.require(this.where));
  }
}

/** Drops every expired value of a ttl table; returns the new value of each key that changed (undefined: gone). */
export function expiredValues(table: ValueStateTable<unknown>, ttl: NormalizedTtl, now: number): [unknown, unknown][] {
  const changes: [unknown, unknown][] = [];
  for (const [c, cell] of table.entries()) if (isExpired((cell as Cell<unknown>).t, ttl, now)) changes.push([c, undefined]);
  return changes;
}
