// A slow, plain-loop ORACLE of Flink's event-time window semantics (see /work/shared/reference/flink-semantics.md,
// sections Watermarks and Windows). Randomized tests compare the real runtime against it.
//
// Independent by design: it imports nothing from runtime/. Every rule is written out as a loop over the records
// in arrival order, with no cleverness, so that it can be checked by reading.
//
// The rules it implements:
// - Watermark: before record i is processed, wm = max(ts of records 0..i-1) - maxOutOfOrderness - 1
//   (-Infinity before any record). After the last record the watermark is +Infinity, which fires everything.
// - Tumbling(size, offset): start = ts - ((ts - offset) % size + size) % size; window [start, start + size).
// - Sliding(size, slide, offset): last start as tumbling with `slide`; windows for start = last;
//   start > ts - size; start -= slide.
// - Session(gap): [ts, ts + gap); windows of one key merge when they intersect or touch
//   (a.start <= b.end && a.end >= b.start).
// - maxTimestamp = end - 1. A window is late for an element when maxTimestamp + allowedLateness <= wm.
//   Its state is cleaned up (final) once wm >= maxTimestamp + allowedLateness.
// - Tumbling/sliding: the element is added to each of its windows that is not late; when all of them are
//   late it goes to the late output.
// - Session: per key, sessions that are final are removed first; the element's window then absorbs every
//   remaining session of its key that it intersects or touches (transitively). If it absorbed nothing and its
//   own window is late it goes to the late output; otherwise it is added.
// - Result: one row per (key, window) that received at least one element, holding the window's final
//   contents (a late element within allowed lateness updates its window; the row is the last firing).

/** Aggregates that the oracle computes over a window's (or key's) elements. All produce numbers. */
export type AggregateSpec<T> =
  | { kind: 'count' }
  | { kind: 'sum' | 'min' | 'max' | 'avg' | 'first' | 'last'; field: (r: T) => number };

export type AggregateSpecs<T> = Record<string, AggregateSpec<T>>;

export type WindowSpec =
  | { kind: 'tumbling'; size: number; offset?: number }
  | { kind: 'sliding'; size: number; slide: number; offset?: number }
  | { kind: 'session'; gap: number };

export interface WindowAggregateSpec<T, A extends AggregateSpecs<T> = AggregateSpecs<T>> {
  key: (r: T) => unknown;
  timestamp: (r: T) => number;
  maxOutOfOrderness: number;
  window: WindowSpec;
  allowedLateness?: number;
  aggregates: A;
}

/** The columns every window row has. */
export interface BaseWindowRow {
  key: unknown;
  windowStart: number;
  windowEnd: number;
}

export type WindowRow<N extends string = string> = BaseWindowRow & { [K in N]: number };

export interface LateRecord<T> {
  /** The record's position in the input (arrival order). */
  index: number;
  record: T;
}

export interface WindowAggregateResult<T, N extends string = string> {
  /** Sorted by (String(key), windowStart), see sortRows. */
  rows: WindowRow<N>[];
  /** Records that went to the late output, in arrival order. */
  late: LateRecord<T>[];
}

const RESERVED_COLUMNS: ReadonlySet<string> = new Set(['key', 'windowStart', 'windowEnd']);

// ---------------------------------------------------------------------------------------------------------
// Keys

/**
 * Gives each distinct key a dense id in first-seen order. Primitive keys are compared as a Map compares them
 * (SameValueZero: 1 and "1" are different keys); object/array keys (composite keys) are compared by their
 * canonical JSON, so [1, "a"] built twice is one key. The first-seen key value is kept for output.
 */
export class KeyIndex {
  private readonly primitives = new Map<unknown, number>();
  private readonly composites = new Map<string, number>();
  readonly values: unknown[] = [];

  id(key: unknown): number {
    const composite = typeof key === 'object' && key !== null;
    const lookup = composite ? canonicalJson(key) : key;
    const map: Map<unknown, number> = composite ? this.composites : this.primitives;
    const existing = map.get(lookup);
    if (existing !== undefined) return existing;
    const id = this.values.length;
    this.values.push(key);
    map.set(lookup, id);
    return id;
  }

  value(id: number): unknown {
    return this.values[id];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Aggregates

export function checkAggregateNames(aggregates: object, reserved: ReadonlySet<string>): void {
  for (const name of Object.keys(aggregates)) {
    if (reserved.has(name)) throw new Error(`oracle: aggregate name "${name}" collides with a row column`);
  }
}

/**
 * Computes the aggregates over `members`, which are indexes into `records`, given in ARRIVAL order
 * (ascending index). `members` must not be empty.
 */
export function computeAggregates<T>(
  records: readonly T[],
  members: readonly number[],
  aggregates: AggregateSpecs<T>,
): Record<string, number> {
  if (members.length === 0) throw new Error('oracle: aggregates over no elements');
  for (let i = 1; i < members.length; i++) {
    if ((members[i] as number) <= (members[i - 1] as number)) {
      throw new Error('oracle: members are not in arrival order');
    }
  }
  const elements: T[] = members.map((m) => records[m] as T);
  const out: Record<string, number> = {};
  for (const [name, agg] of Object.entries(aggregates)) {
    if (agg.kind === 'count') {
      out[name] = elements.length;
      continue;
    }
    const values = elements.map((e) => agg.field(e));
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    switch (agg.kind) {
      case 'sum':
        out[name] = sum;
        break;
      case 'min':
        out[name] = min;
        break;
      case 'max':
        out[name] = max;
        break;
      case 'avg':
        out[name] = sum / values.length;
        break;
      case 'first':
        out[name] = values[0] as number;
        break;
      case 'last':
        out[name] = values[values.length - 1] as number;
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Window assignment

/** Flink's TimeWindow.getWindowStartWithOffset, written as the spec gives it. */
export function windowStart(ts: number, offset: number, size: number): number {
  return ts - (((ts - offset) % size) + size) % size;
}

/** The windows [start, end) a tumbling or sliding assigner puts an element with timestamp `ts` in. */
export function assignWindows(
  ts: number,
  window: Exclude<WindowSpec, { kind: 'session' }>,
): { start: number; end: number }[] {
  const offset = window.offset ?? 0;
  if (window.kind === 'tumbling') {
    const start = windowStart(ts, offset, window.size);
    return [{ start, end: start + window.size }];
  }
  const out: { start: number; end: number }[] = [];
  const last = windowStart(ts, offset, window.slide);
  for (let start = last; start > ts - window.size; start -= window.slide) {
    out.push({ start, end: start + window.size });
  }
  return out;
}

/** Whether two windows [start, end) intersect or touch, the session merge rule. */
export function intersectsOrTouches(
  a: { start: number; end: number },
  b: { start: number; end: number },
): boolean {
  return a.start <= b.end && a.end >= b.start;
}

// ---------------------------------------------------------------------------------------------------------
// The oracle

interface OracleWindow {
  keyId: number;
  start: number;
  end: number;
  /** Indexes of the records in this window; sorted into arrival order before aggregating. */
  members: number[];
}

function isPositiveInteger(x: number): boolean {
  return Number.isSafeInteger(x) && x > 0;
}

function validate<T>(spec: WindowAggregateSpec<T>, allowedLateness: number): void {
  const w = spec.window;
  if (!(spec.maxOutOfOrderness >= 0)) throw new Error('oracle: maxOutOfOrderness must be >= 0');
  if (!(allowedLateness >= 0)) throw new Error('oracle: allowedLateness must be >= 0');
  if (w.kind === 'session') {
    if (!isPositiveInteger(w.gap)) throw new Error('oracle: session gap must be a positive integer');
  } else {
    if (!isPositiveInteger(w.size)) throw new Error('oracle: window size must be a positive integer');
    if (w.offset !== undefined && !Number.isSafeInteger(w.offset)) {
      throw new Error('oracle: window offset must be an integer');
    }
    if (w.kind === 'sliding') {
      if (!isPositiveInteger(w.slide)) throw new Error('oracle: slide must be a positive integer');
      // With slide > size an element can fall between windows; whether that is "late" is not defined here.
      if (w.slide > w.size) throw new Error('oracle: slide must be <= size');
    }
  }
  checkAggregateNames(spec.aggregates, RESERVED_COLUMNS);
}

/**
 * Runs the records, in the given (arrival) order, through an event-time window aggregation and returns the
 * final row of every (key, window) that received an element, plus the records that went to the late output.
 */
export function oracleWindowAggregate<T, A extends AggregateSpecs<T>>(
  records: readonly T[],
  spec: WindowAggregateSpec<T, A>,
): WindowAggregateResult<T, keyof A & string> {
  const allowedLateness = spec.allowedLateness ?? 0;
  validate(spec, allowedLateness);

  const timestamps: number[] = records.map((r, i) => {
    const ts = spec.timestamp(r);
    if (!Number.isSafeInteger(ts)) throw new Error(`oracle: record ${i} has a non-integer timestamp ${ts}`);
    return ts;
  });

  const keys = new KeyIndex();
  const late: LateRecord<T>[] = [];
  /** Windows whose state was cleaned up: their contents can no longer change. */
  const finalized: OracleWindow[] = [];
  /** Open windows, in no particular order. */
  let open: OracleWindow[] = [];

  const isLate = (w: { end: number }, wm: number): boolean => w.end - 1 + allowedLateness <= wm;

  let maxTs = -Infinity;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as T;
    const ts = timestamps[i] as number;
    // The watermark that holds when record i arrives: it reflects records 0..i-1 only.
    const wm = maxTs - spec.maxOutOfOrderness - 1;

    // Clean up every window whose time is up (wm >= maxTimestamp + allowedLateness).
    const stillOpen: OracleWindow[] = [];
    for (const w of open) {
      if (isLate(w, wm)) finalized.push(w);
      else stillOpen.push(w);
    }
    open = stillOpen;

    const keyId = keys.id(spec.key(record));

    if (spec.window.kind === 'session') {
      const own: OracleWindow = { keyId, start: ts, end: ts + spec.window.gap, members: [i] };
      let merged = own;
      let absorbedAny = false;
      // Absorb, one at a time, every open session of this key that the merged window intersects or touches;
      // the merged window grows, so look again from the beginning after each absorption.
      let changed = true;
      while (changed) {
        changed = false;
        for (const s of open) {
          if (s.keyId === keyId && intersectsOrTouches(s, merged)) {
            merged = {
              keyId,
              start: Math.min(s.start, merged.start),
              end: Math.max(s.end, merged.end),
              members: [...s.members, ...merged.members],
            };
            open = open.filter((o) => o !== s);
            absorbedAny = true;
            changed = true;
            break;
          }
        }
      }
      if (!absorbedAny && isLate(own, wm)) {
        late.push({ index: i, record });
      } else {
        if (isLate(merged, wm)) throw new Error('oracle bug: a merged session is late');
        open.push(merged);
      }
    } else {
      let added = false;
      for (const { start, end } of assignWindows(ts, spec.window)) {
        if (isLate({ end }, wm)) continue;
        if (finalized.some((f) => f.keyId === keyId && f.start === start)) {
          throw new Error('oracle bug: an element is not late for a window that was already cleaned up');
        }
        let w = open.find((o) => o.keyId === keyId && o.start === start);
        if (w === undefined) {
          w = { keyId, start, end, members: [] };
          open.push(w);
        }
        w.members.push(i);
        added = true;
      }
      if (!added) late.push({ index: i, record });
    }

    maxTs = Math.max(maxTs, ts);
  }

  // End of input: the watermark becomes +Infinity and fires (and finalizes) every remaining window.
  finalized.push(...open);
  open = [];

  const rows: WindowRow<keyof A & string>[] = finalized.map((w) => {
    const members = [...w.members].sort((a, b) => a - b);
    const aggs = computeAggregates(records, members, spec.aggregates);
    return { key: keys.value(w.keyId), windowStart: w.start, windowEnd: w.end, ...aggs } as WindowRow<
      keyof A & string
    >;
  });
  return { rows: sortRows(rows), late };
}

// ---------------------------------------------------------------------------------------------------------
// Comparing rows

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A copy of `rows` sorted by (String(key), windowStart), with ties broken by windowEnd and then by the key's
 * canonical encoding (so 1 and "1" come out in a fixed order). Deterministic; does not depend on locale.
 */
export function sortRows<R extends BaseWindowRow>(rows: readonly R[]): R[] {
  return [...rows].sort(
    (a, b) =>
      compareStrings(String(a.key), String(b.key)) ||
      a.windowStart - b.windowStart ||
      a.windowEnd - b.windowEnd ||
      compareStrings(canonicalJson(a.key), canonicalJson(b.key)),
  );
}

/**
 * A deterministic JSON string for a set of rows: rows sorted with sortRows, each row's columns in the order
 * key, windowStart, windowEnd, then the other columns by name. Two row sets are equal exactly when their
 * canonical strings are equal, regardless of row order or property order.
 */
export function canonicalRows(rows: readonly BaseWindowRow[]): string {
  return `[${sortRows(rows).map(canonicalRow).join(',')}]`;
}

function canonicalRow(row: object): string {
  const names = Object.keys(row);
  const fixed = ['key', 'windowStart', 'windowEnd'].filter((n) => names.includes(n));
  const rest = names.filter((n) => !RESERVED_COLUMNS.has(n)).sort(compareStrings);
  const entries = [...fixed, ...rest].map(
    (n) => `${JSON.stringify(n)}:${canonicalJson((row as Record<string, unknown>)[n])}`,
  );
  return `{${entries.join(',')}}`;
}

/**
 * Canonical JSON of a value: object properties sorted by name; numbers that JSON cannot hold (NaN, ±Infinity)
 * and other non-JSON values are written as tagged strings so that they stay distinguishable.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (Number.isFinite(value)) return JSON.stringify(value);
      return JSON.stringify(`#number:${String(value)}`);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'undefined':
      return JSON.stringify('#undefined');
    case 'bigint':
      return JSON.stringify(`#bigint:${value.toString()}`);
    case 'symbol':
    case 'function':
      return JSON.stringify(`#${typeof value}:${String(value)}`);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const names = Object.keys(obj).sort(compareStrings);
      return `{${names.map((n) => `${JSON.stringify(n)}:${canonicalJson(obj[n])}`).join(',')}}`;
    }
  }
  return JSON.stringify(String(value));
}
