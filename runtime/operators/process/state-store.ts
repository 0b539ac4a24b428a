// ctx.state of a keyed process function: hands out value, list and map state handles for descriptors, each
// handle working on the current key (so handles may be kept, e.g. from open()). Every state lives in one table
// of the partition's KeyedStateBackend named after the descriptor, so snapshots, restore and rescale carry it
// without the operator doing anything. States with a ttl are also swept: every so often (in processing time)
// one pass over their tables drops what has expired, besides the expiry checks on every access.
import type { KeyedStateBackend, ValueStateTable } from '../../state/keyed-state-backend.ts';
import { RivuletError } from '../../errors/rivulet-error.ts';
import { parseDescriptor, type NormalizedTtl, type ParsedDescriptor, type StateDescriptor, type StateKind } from './state-descriptor.ts';
import { ValueStateHandle, expiredValues, type ValueState } from './value-state.ts';
import { ListStateHandle, expiredListElements, type ListState } from './list-state.ts';
import { MapStateHandle, expiredMapEntries, type MapState } from './map-state.ts';
import type { KeyScope } from './key-scope.ts';

/** What a process function sees as ctx.state. */
export interface KeyedStateStore {
  value<V>(descriptor: StateDescriptor): ValueState<V>;
  list<V>(descriptor: StateDescriptor): ListState<V>;
  map<K, V>(descriptor: StateDescriptor): MapState<K, V>;
}

interface Declared {
  readonly parsed: ParsedDescriptor;
  readonly handle: unknown;
}

type Sweep = (table: ValueStateTable<unknown>, ttl: NormalizedTtl, now: number) => [unknown, unknown][];
const SWEEPS: Record<StateKind, Sweep> = { value: expiredValues, list: expiredListElements, map: expiredMapEntries };

export class StateStore implements KeyedStateStore {
  private readonly byName = new Map<string, Declared>();
  /** Fast paths: handles by the descriptor they were asked for with (a name, or the very object), per kind. */
  private readonly byString: Record<StateKind, Map<string, unknown>> = { value: new Map(), list: new Map(), map: new Map() };
  private readonly byObject: Record<StateKind, WeakMap<object, unknown>> = { value: new WeakMap(), list: new WeakMap(), map: new WeakMap() };
  private readonly ttlStates: Declared[] = [];
  private sweepEvery = Infinity;
  private lastSweep = -Infinity;

  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly scope: KeyScope,
  ) {}

  value<V>(descriptor: StateDescriptor): ValueState<V> {
    return this.handle('value', descriptor) as ValueState<V>;
  }

  list<V>(descriptor: StateDescriptor): ListState<V> {
    return this.handle('list', descriptor) as ListState<V>;
  }

  map<K, V>(descriptor: StateDescriptor): MapState<K, V> {
    return this.handle('map', descriptor) as MapState<K, V>;
  }

  /**
   * Drops expired entries of every ttl state when a sweep is due: at most once per quarter of the shortest
   * ttl of processing time (and never twice at one time), whatever calls it (batches, processing-time ticks).
   */
  maybeSweep(now: number): void {
    if (this.ttlStates.length === 0 || now - this.lastSweep < this.sweepEvery) return;
    this.sweep(now);
  }

  /** One pass over every ttl state's table, dropping what expired by `now`. */
  sweep(now: number): void {
    this.lastSweep = now;
    for (const d of this.ttlStates) {
      const table = this.backend.valueState<unknown>(d.parsed.name);
      const changes = SWEEPS[d.parsed.kind](table, d.parsed.ttl as NormalizedTtl, now);
      for (const [c, v] of changes) {
        if (v === undefined) table.delete(c);
        else table.set(c, v);
      }
    }
  }

  private handle(kind: StateKind, descriptor: unknown): unknown {
    const fast = typeof descriptor === 'string' ? this.byString[kind].get(descriptor) : this.byObjectGet(kind, descriptor);
    if (fast !== undefined) return fast;
    const parsed = parseDescriptor(kind, descriptor);
    const known = this.byName.get(parsed.name);
    if (known !== undefined) {
      if (known.parsed.signature !== parsed.signature) {
        throw new RivuletError('STATE_REDECLARED', { name: parsed.name, before: known.parsed.signature, now: parsed.signature });
      }
      this.remember(kind, descriptor, known.handle);
      return known.handle;
    }
    const table = this.backend.valueState<any>(parsed.name);
    const where = `${kind} state "${parsed.name}"`;
    const handle =
      kind === 'value'
        ? new ValueStateHandle(table, parsed.ttl, this.scope, where)
        : kind === 'list'
          ? new ListStateHandle(table, parsed.ttl, this.scope, where)
          : new MapStateHandle(table, parsed.ttl, this.scope, where);
    const declared = { parsed, handle };
    this.byName.set(parsed.name, declared);
    this.remember(kind, descriptor, handle);
    if (parsed.ttl !== null) {
      this.ttlStates.push(declared);
      this.sweepEvery = Math.min(this.sweepEvery, Math.max(1, Math.floor(parsed.ttl.ttlMs / 4)));
    }
    return handle;
  }

  private byObjectGet(kind: StateKind, descriptor: unknown): unknown {
    return typeof descriptor === 'object' && descriptor !== null ? this.byObject[kind].get(descriptor) : undefined;
  }

  private remember(kind: StateKind, descriptor: unknown, handle: unknown): void {
    if (typeof descriptor === 'string') this.byString[kind].set(descriptor, handle);
    else this.byObject[kind].set(descriptor as object, handle);
  }
}
